package onyx

import (
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// The provider calls these at plan time, when the API generation may not be known without a request
// (validation never makes one): rules that depend on it are checked only when it is known (forced in
// the configuration, or detected earlier by this client), and again at apply time, when the writes
// detect it. An empty id or email stands for a value not known yet at plan time and is skipped.

// ValidateGroup implements platform.GroupValidator.
func (c *Client) ValidateGroup(spec platform.GroupSpec) []platform.FieldError {
	return validateGroup(spec, c.knownGeneration())
}

func validateGroup(spec platform.GroupSpec, gen Generation) []platform.FieldError {
	var errs fieldErrors
	if strings.TrimSpace(spec.Name) == "" {
		errs.add(platform.FieldName, "must not be empty")
	}
	if spec.Description != nil && *spec.Description != "" {
		errs.add(platform.FieldDescription, "Onyx user groups have no description")
	}
	errs.checkEmails(platform.FieldMembers, spec.Members, "members are users, named by their id: the email address")
	extra, err := platform.ExtraAs[GroupExtra](spec.Extra)
	if err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	for _, id := range extra.CCPairIDs {
		if _, ok := parseID(id); id != "" && !ok {
			errs.add(fieldCCPairIDs, "connector-credential pair ids are positive integers; got \""+id+"\"")
		}
	}
	errs.checkEmails(fieldCuratorIDs, extra.CuratorIDs, "curators are users, named by their email address")
	for _, p := range extra.Permissions {
		if problem := permissionProblem(p, gen); p != "" && problem != "" {
			errs.add(fieldPermissions, problem)
		}
	}
	if IsDefaultGroupName(spec.Name) && gen == GenerationCurrent {
		if extra.Permissions != nil {
			errs.add(fieldPermissions, msgDefaultGroupSettings)
		}
		if extra.IncognitoEnabled != nil {
			errs.add(fieldIncognito, msgDefaultGroupSettings)
		}
	}
	if spec.Members != nil {
		members := map[string]bool{}
		for _, m := range spec.Members {
			members[userID(m)] = true
		}
		for _, cur := range extra.CuratorIDs {
			if cur != "" && !members[userID(cur)] && !members[""] {
				errs.add(fieldCuratorIDs, cur+" is not in members: Onyx makes only members curators (managers)")
			}
		}
	}
	return errs
}

// ValidateUser implements platform.UserValidator.
func (c *Client) ValidateUser(spec platform.UserSpec) []platform.FieldError {
	return validateUser(spec, c.knownGeneration())
}

func validateUser(spec platform.UserSpec, gen Generation) []platform.FieldError {
	var errs fieldErrors
	if _, err := platform.ExtraAs[UserExtra](spec.Extra); err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	if e := strings.TrimSpace(spec.Email); e == "" || !looksLikeEmail(e) {
		errs.add(platform.FieldEmail, "must be an email address: Onyx invites users by email")
	}
	if spec.Password != nil {
		errs.add(platform.FieldPassword, "Onyx users are invited by email and set their own password (or use SSO); the API sets none")
	}
	if spec.Role != nil {
		if problem := userRoleProblem(normalRole(*spec.Role), gen); problem != "" {
			errs.add(platform.FieldRole, problem)
		}
	}
	return errs
}

// ValidateAPIKey implements platform.APIKeyValidator.
func (c *Client) ValidateAPIKey(spec platform.APIKeySpec) []platform.FieldError {
	return validateAPIKey(spec, c.knownGeneration())
}

func validateAPIKey(spec platform.APIKeySpec, gen Generation) []platform.FieldError {
	var errs fieldErrors
	if strings.TrimSpace(spec.Name) == "" {
		errs.add(platform.FieldName, "must not be empty: the name is how a key is found again after a lost answer")
	}
	if spec.UserID != "" {
		errs.add(platform.FieldUserID, "an Onyx API key gets a service-account user of its own; it cannot be issued for an existing user")
	}
	if spec.Description != "" {
		errs.add(platform.FieldDescription, "Onyx API keys have no description")
	}
	if spec.ExpiresAt != nil {
		errs.add(platform.FieldExpiresAt, "Onyx API keys do not expire; replace the key (rotation_triggers) to roll it")
	}
	extra, err := platform.ExtraAs[APIKeyExtra](spec.Extra)
	if err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	role := normalRole(extra.Role)
	switch {
	case role != "" && extra.GroupIDs != nil && gen == "":
		errs.add(fieldKeyRole, "set onyx.role (Onyx v4.6) or onyx.group_ids (current Onyx), not both: no Onyx version has both")
	case role != "" && gen == GenerationCurrent:
		errs.add(fieldKeyRole, "current Onyx gives keys no role; their rights come from onyx.group_ids (the Admin group's id makes an admin key)")
	case role != "":
		if problem := keyRoleProblem(role); problem != "" {
			errs.add(fieldKeyRole, problem)
		}
	}
	if extra.GroupIDs != nil && gen == GenerationV46 {
		errs.add(fieldGroupIDs, "Onyx v4.6 keys cannot join groups; their rights come from onyx.role")
	}
	for _, id := range extra.GroupIDs {
		if _, ok := parseID(id); id != "" && !ok {
			errs.add(fieldGroupIDs, "group ids are positive integers; got \""+id+"\"")
		}
	}
	return errs
}

// fieldErrors collects findings.
type fieldErrors []platform.FieldError

func (e *fieldErrors) add(field platform.Field, msg string) {
	*e = append(*e, platform.FieldError{Field: field, Message: msg})
}

func (e *fieldErrors) checkEmails(field platform.Field, emails []string, what string) {
	for _, m := range emails {
		if m != "" && !looksLikeEmail(strings.TrimSpace(m)) {
			e.add(field, what+"; got \""+m+"\"")
		}
	}
}
