package unleash

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// fieldErrors collects plan-time complaints.
type fieldErrors []platform.FieldError

func (e *fieldErrors) add(field platform.Field, msg string) {
	*e = append(*e, platform.FieldError{Field: field, Message: msg})
}

// ValidateUser implements platform.UserValidator: the rules Unleash would enforce at apply time (or that
// would cause a permanent diff), checked at plan time. It makes no request.
func (c *Client) ValidateUser(spec platform.UserSpec) []platform.FieldError {
	var errs fieldErrors
	extra, err := platform.ExtraAs[UserExtra](spec.Extra)
	if err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	if strings.TrimSpace(spec.Name) == "" {
		errs.add(platform.FieldName, "must not be empty: Unleash cannot clear a user's name once set, so roster requires one")
	}
	if spec.ServiceAccount {
		errs.checkServiceAccount(spec, extra)
	}
	switch {
	case spec.ServiceAccount:
	case spec.Email == "" && extra.Username == "":
		errs.add(platform.FieldEmail, "Unleash needs an email or an unleash.username (a user without an email cannot log in with a password reset link)")
	case spec.Email != "":
		if msg := checkEmail(spec.Email); msg != "" {
			errs.add(platform.FieldEmail, msg)
		}
	}
	if spec.Role != nil {
		errs.checkRole(platform.FieldRole, *spec.Role)
	}
	if spec.Active != nil && !*spec.Active {
		errs.add(platform.FieldActive, "Unleash users cannot be deactivated; remove the user instead")
	}
	if spec.Password != nil && !spec.ServiceAccount {
		for _, msg := range passwordProblems(*spec.Password) {
			errs.add(platform.FieldPassword, msg)
		}
	}
	return errs
}

// checkServiceAccount holds a service account to createServiceAccountSchema: a username, and none of what
// only people have.
func (e *fieldErrors) checkServiceAccount(spec platform.UserSpec, extra UserExtra) {
	if extra.Username == "" {
		e.add(fieldUsername, "is required for an Unleash service account")
	}
	if spec.Email != "" {
		e.add(platform.FieldEmail, "must be left out: Unleash service accounts have no email")
	}
	if spec.Password != nil {
		e.add(platform.FieldPassword, "must be left out: Unleash service accounts have no password; they authenticate with tokens")
	}
	if extra.SendEmail != nil && *extra.SendEmail {
		e.add(fieldSendEmail, "must be left out: Unleash service accounts have no email to send to")
	}
}

// ValidateGroup implements platform.GroupValidator.
func (c *Client) ValidateGroup(spec platform.GroupSpec) []platform.FieldError {
	var errs fieldErrors
	extra, err := platform.ExtraAs[GroupExtra](spec.Extra)
	if err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	if strings.TrimSpace(spec.Name) == "" {
		errs.add(platform.FieldName, "must not be empty")
	}
	for _, id := range spec.Members {
		// An empty id stands for a value not known yet at plan time; apply checks it again.
		if id == "" {
			continue
		}
		if _, err := parseNumericID("user", id); err != nil {
			errs.add(platform.FieldMembers, err.Error())
		}
	}
	if extra.RootRole != nil && *extra.RootRole != "" {
		errs.checkRole(fieldRootRole, *extra.RootRole)
	}
	for _, m := range extra.SSOMappings {
		if strings.TrimSpace(m) == "" {
			errs.add(fieldSSOMappings, "must not contain empty names")
		}
	}
	return errs
}

// tokenTypes are the types a token may be created with in Unleash 8 (admin tokens are gone).
var tokenTypes = []string{"client", "backend", "frontend"}

// ValidateAPIKey implements platform.APIKeyValidator.
func (c *Client) ValidateAPIKey(spec platform.APIKeySpec) []platform.FieldError {
	var errs fieldErrors
	extra, err := platform.ExtraAs[APIKeyExtra](spec.Extra)
	if err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	if strings.TrimSpace(spec.Name) == "" {
		errs.add(platform.FieldName, "must not be empty")
	}
	if spec.UserID != "" {
		errs.checkServiceAccountToken(spec, extra)
	}
	if spec.Description != "" {
		errs.add(platform.FieldDescription, "Unleash API tokens have no description; put it in the name")
	}
	switch t := extra.Type; {
	case t == "" || isOneOf(t, tokenTypes):
	case t == "admin":
		errs.add(fieldType, "Unleash 8 no longer creates admin API tokens; use client, backend or frontend (admin access takes a personal access token)")
	case isOneOf(strings.ToLower(t), tokenTypes):
		errs.add(fieldType, fmt.Sprintf("use lower case, %q: Unleash stores the type in lower case, so %q would always show a diff", strings.ToLower(t), t))
	default:
		errs.add(fieldType, fmt.Sprintf("must be one of %s; got %q", strings.Join(tokenTypes, ", "), t))
	}
	if extra.Environment == "*" {
		errs.add(fieldEnvironment, "Unleash tokens cannot span all environments; name one, such as development or production")
	}
	if extra.Projects != nil && len(extra.Projects) == 0 {
		errs.add(fieldProjects, `must name at least one project; use ["*"] for all`)
	}
	for _, p := range extra.Projects {
		if strings.TrimSpace(p) == "" {
			errs.add(fieldProjects, "must not contain empty names")
		}
	}
	return errs
}

// checkServiceAccountToken holds a key with a user_id, a service-account token, to createPatSchema: an
// expiry, and none of an API token's scope.
func (e *fieldErrors) checkServiceAccountToken(spec platform.APIKeySpec, extra APIKeyExtra) {
	if _, err := parseNumericID("user", spec.UserID); err != nil {
		e.add(platform.FieldUserID, err.Error()+": it must name a roster_user with service_account = true")
	}
	if spec.ExpiresAt == nil {
		e.add(platform.FieldExpiresAt, serviceAccountTokenExpiryRequired)
	}
	for _, f := range []struct {
		field platform.Field
		set   bool
	}{{fieldType, extra.Type != ""}, {fieldEnvironment, extra.Environment != ""}, {fieldProjects, extra.Projects != nil}} {
		if f.set {
			e.add(f.field, "must be left out with user_id: a service-account token has the account's role, not an API token's scope")
		}
	}
}

// checkRole accepts Admin, Editor, Viewer or the id of another (custom) root role. The id of a built-in role
// is refused because Read reports those by name, which would show as a diff on every plan.
func (e *fieldErrors) checkRole(field platform.Field, role string) {
	id, err := roleID(role)
	if err != nil {
		e.add(field, err.Error())
		return
	}
	if name, builtin := builtinRootRoles[id]; builtin && role != name {
		e.add(field, fmt.Sprintf("write %q instead of %q: roster reports the built-in roles by name", name, role))
	}
}

func isOneOf(s string, options []string) bool {
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}

var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.]+$`)

// reservedTLDs are names Unleash's email check (Joi, against the IANA list) rejects although they look like
// domains; a real server refused x@foo.test and x@localhost.
var reservedTLDs = map[string]bool{"test": true, "localhost": true, "invalid": true, "example": true, "local": true, "internal": true}

// checkEmail catches what Unleash would refuse at apply time. It stays loose on purpose: a false alarm here
// blocks a plan, while a miss only fails the apply with the server's own message.
func checkEmail(email string) string {
	if !emailPattern.MatchString(email) {
		return fmt.Sprintf("%q is not an email address", email)
	}
	tld := strings.ToLower(email[strings.LastIndex(email, ".")+1:])
	if reservedTLDs[tld] {
		return fmt.Sprintf("Unleash refuses addresses under the reserved top-level domain .%s", tld)
	}
	return ""
}

// passwordProblems applies the rules Unleash's change-password enforces (owasp-password-strength-test without
// passphrases): at least 10 and fewer than 129 characters, no character three times in a row, and a
// lower-case letter, an upper-case letter, a digit and a special character. Unleash does not check the
// password given at create, but the next change would be refused, so roster applies the rules everywhere.
func passwordProblems(password string) []string {
	var out []string
	n := len([]rune(password))
	if n < 10 {
		out = append(out, "must be at least 10 characters long")
	}
	if n > 128 {
		out = append(out, "must be at most 128 characters long")
	}
	runes := []rune(password)
	for i := 2; i < len(runes); i++ {
		if runes[i] == runes[i-1] && runes[i] == runes[i-2] {
			out = append(out, "must not repeat a character three or more times in a row")
			break
		}
	}
	checks := []struct {
		ok   func(rune) bool
		what string
	}{
		{func(r rune) bool { return r >= 'a' && r <= 'z' }, "a lower-case letter"},
		{func(r rune) bool { return r >= 'A' && r <= 'Z' }, "an upper-case letter"},
		{func(r rune) bool { return r >= '0' && r <= '9' }, "a digit"},
		{func(r rune) bool { return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') }, "a special character"},
	}
	for _, c := range checks {
		if !strings.ContainsFunc(password, c.ok) {
			out = append(out, "must contain "+c.what)
		}
	}
	return out
}
