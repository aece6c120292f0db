package secoda

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// roles are the workspace roles the API takes (in any case) and returns (lowercase). Custom roles of
// Premium/Enterprise plans are not documented for the API.
var roles = []string{"admin", "editor", "viewer", "guest"}

const roleGuest = "guest"

// ValidateGroup implements platform.GroupValidator: what Secoda would refuse, or what would leave the
// provider unable to find its own group again, checked at plan time. It makes no request.
func (c *Client) ValidateGroup(spec platform.GroupSpec) []platform.FieldError {
	var errs fieldErrors
	if strings.TrimSpace(spec.Name) == "" {
		// Secoda would take it, but the name is what a lost create is recovered by.
		errs.add(platform.FieldName, "must not be empty")
	} else if spec.Name != strings.TrimSpace(spec.Name) {
		errs.add(platform.FieldName, "must not start or end with whitespace: Secoda trims it, and the name would differ on every plan")
	}
	errs.checkUUIDs(platform.FieldMembers, "user ids", spec.Members)
	if _, err := platform.ExtraAs[GroupExtra](spec.Extra); err != nil {
		errs = append(errs, platform.FieldError{Message: err.Error()})
	}
	return errs
}

// ValidateUser implements platform.UserValidator.
func (c *Client) ValidateUser(spec platform.UserSpec) []platform.FieldError {
	var errs fieldErrors
	extra, err := platform.ExtraAs[UserExtra](spec.Extra)
	if err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	errs.checkEmail(spec.Email)
	if !nameRoundTrips(spec.Name) {
		errs.add(platform.FieldName, fmt.Sprintf("Secoda stores a name as first_name (up to the first space) and last_name (the rest), "+
			"trimming each, so %q would read back as %q; remove the extra whitespace", spec.Name, joinName(splitName(spec.Name))))
	}
	role := ""
	if spec.Role != nil {
		role = normalizeRole(*spec.Role)
		if role != "" && !slices.Contains(roles, role) {
			errs.add(platform.FieldRole, fmt.Sprintf("must be one of %s; got %q", strings.Join(roles, ", "), *spec.Role))
		}
	}
	if role == roleGuest && len(extra.Teams) == 0 {
		errs.add(fieldTeams, "must name at least one team when the role is guest: Secoda requires guests to belong to a team")
	}
	errs.checkUUIDs(fieldTeams, "team ids", extra.Teams)
	if spec.Password != nil {
		errs.add(platform.FieldPassword, reasonNoPassword)
	}
	if spec.Active != nil && !*spec.Active {
		errs.add(platform.FieldActive, reasonNoDeactivation)
	}
	return errs
}

// fieldErrors collects plan-time findings.
type fieldErrors []platform.FieldError

func (e *fieldErrors) add(field platform.Field, msg string) {
	*e = append(*e, platform.FieldError{Field: field, Message: msg})
}

// checkUUIDs reports ids that are not uuids. An empty id stands for a value not known yet at plan time;
// apply checks it again.
func (e *fieldErrors) checkUUIDs(field platform.Field, what string, ids []string) {
	for _, id := range ids {
		if id != "" && !isUUID(id) {
			e.add(field, fmt.Sprintf("Secoda %s are uuids, such as 0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10; got %q", what, id))
		}
	}
}

// checkEmail wants one plain address with a dotted domain: Secoda invites the address, and only business
// domains can be invited.
func (e *fieldErrors) checkEmail(email string) {
	if email == "" {
		return // not known yet at plan time; the provider requires it
	}
	addr, err := mail.ParseAddress(email)
	at := strings.LastIndex(email, "@")
	if err != nil || addr.Name != "" || addr.Address != email || at < 1 {
		e.add(platform.FieldEmail, fmt.Sprintf("%q does not look like an email address", email))
		return
	}
	domain := email[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		e.add(platform.FieldEmail, fmt.Sprintf("%q does not look like an email address (the domain needs a dot)", email))
	}
}
