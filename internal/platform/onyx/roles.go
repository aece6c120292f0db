package onyx

import (
	"slices"
	"strings"
)

// Role names. v4.6's UserRole enum has all seven; the current generation has no roles and the
// portable role maps onto its Admin group: admin or basic.
const (
	roleLimited       = "limited"
	roleBasic         = "basic"
	roleAdmin         = "admin"
	roleCurator       = "curator"
	roleGlobalCurator = "global_curator"
	roleSlackUser     = "slack_user"
	roleExtPermUser   = "ext_perm_user"
)

// v46Roles is v4.6's UserRole enum (the reference, section 3.2).
var v46Roles = []string{roleLimited, roleBasic, roleAdmin, roleCurator, roleGlobalCurator, roleSlackUser, roleExtPermUser}

// v46Settable are the roles PATCH /manage/set-user-role assigns without explicit_override: the
// others are given by Onyx itself (curator through group curatorship, limited, slack_user and
// ext_perm_user by the way a user arrives).
var v46Settable = []string{roleBasic, roleAdmin, roleGlobalCurator}

// currentSettable are the portable roles on the current generation.
var currentSettable = []string{roleBasic, roleAdmin}

// normalRole is how roles are compared and sent: Onyx's names are lower case.
func normalRole(r string) string { return strings.ToLower(strings.TrimSpace(r)) }

// userRoleProblem explains why a user cannot be given role on gen ("" = generation unknown: only
// what no generation accepts is refused), or returns "".
func userRoleProblem(role string, gen Generation) string {
	switch {
	case gen == GenerationCurrent && slices.Contains(currentSettable, role):
		return ""
	case gen == GenerationCurrent && slices.Contains(v46Roles, role):
		return "\"" + role + "\" is a role of Onyx v4.6; current Onyx grants rights through groups, and role accepts only \"admin\" " +
			"(membership of the Admin group) or \"basic\""
	case gen == GenerationCurrent:
		return "unknown role \"" + role + "\": current Onyx accepts \"admin\" or \"basic\""
	case slices.Contains(v46Settable, role):
		return ""
	case role == roleCurator:
		return "Onyx makes a user curator by naming them in a group's onyx.curator_ids; it cannot be set as a role"
	case slices.Contains(v46Roles, role):
		return "Onyx assigns the role \"" + role + "\" by itself (it depends on how the user arrived); set basic, admin or global_curator"
	}
	return "unknown role \"" + role + "\": Onyx accepts basic, admin or (Onyx v4.6 only) global_curator"
}

// keyRoleProblem explains why an API key cannot have role on v4.6, or returns "".
func keyRoleProblem(role string) string {
	if slices.Contains(v46Roles, role) {
		return ""
	}
	return "unknown role \"" + role + "\": Onyx v4.6 key roles are " + strings.Join(v46Roles, ", ")
}
