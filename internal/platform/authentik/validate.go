package authentik

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Limits from the authentik API schema.
const (
	maxUsernameLength = 150
	maxEmailLength    = 254
)

// The user types. internal_service_account is reserved for the accounts authentik creates for its outposts.
const (
	typeServiceAccount         = "service_account"
	typeInternalServiceAccount = "internal_service_account"
)

// userTypes are the user types a client may set.
var userTypes = []string{"internal", "external", typeServiceAccount}

// ValidateGroup implements platform.GroupValidator: the rules authentik would enforce at apply time, checked at
// plan time. It makes no request.
func (c *Client) ValidateGroup(spec platform.GroupSpec) []platform.FieldError {
	var errs fieldErrors
	if strings.TrimSpace(spec.Name) == "" {
		errs.add(platform.FieldName, "must not be empty")
	}
	for _, id := range spec.Members {
		// An empty id stands for a value not known yet at plan time; apply checks it again.
		if id == "" {
			continue
		}
		if _, err := parseUserID(id); err != nil {
			errs.add(platform.FieldMembers, err.Error())
		}
	}
	extra, err := platform.ExtraAs[GroupExtra](spec.Extra)
	if err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	errs.checkObject(fieldAttributes, extra.Attributes)
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
	errs.checkUsername(extra.Username, spec.Email)
	errs.checkPath(extra.Path)
	errs.checkUserType(extra.Type)
	errs.checkServiceAccount(spec.ServiceAccount, extra.Type)
	errs.checkObject(fieldAttributes, extra.Attributes)
	if spec.Password != nil && *spec.Password == "" {
		errs.add(platform.FieldPassword, "must not be empty")
	}
	return errs
}

// ValidateAPIKey implements platform.APIKeyValidator.
func (c *Client) ValidateAPIKey(spec platform.APIKeySpec) []platform.FieldError {
	var errs fieldErrors
	if !isValidIdentifier(spec.Name) {
		errs.add(platform.FieldName, fmt.Sprintf("authentik token identifiers are 1-%d characters of letters, digits, '-' and '_'; got %q",
			maxIdentifierLength, spec.Name))
	}
	if spec.UserID != "" {
		if _, err := parseUserID(spec.UserID); err != nil {
			errs.add(platform.FieldUserID, err.Error())
		}
	}
	extra, err := platform.ExtraAs[APIKeyExtra](spec.Extra)
	if err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	intent := intentOrDefault(extra.Intent)
	if !isManagedIntent(intent) {
		errs.add(fieldIntent, fmt.Sprintf("must be %q or %q; got %q", intentAPI, intentAppPassword, extra.Intent))
	}
	if spec.ExpiresAt != nil {
		switch {
		case extra.Expiring != nil && !*extra.Expiring:
			errs.add(platform.FieldExpiresAt, "cannot be set when authentik.expiring is false: a token that never expires has no expiry date")
		case intent == intentAPI:
			errs.add(platform.FieldExpiresAt, "cannot be chosen for a token with intent \"api\": authentik sets its expiry itself, "+
				"to now plus the tenant's default token duration, on every change. Use intent \"app_password\" to choose an "+
				"expiry, or set authentik.expiring = false for a key that does not expire")
		}
	}
	return errs
}

// fieldErrors collects plan-time findings.
type fieldErrors []platform.FieldError

func (e *fieldErrors) add(field platform.Field, msg string) {
	*e = append(*e, platform.FieldError{Field: field, Message: msg})
}

func (e *fieldErrors) checkObject(field platform.Field, raw json.RawMessage) {
	if raw == nil {
		return
	}
	trimmed := bytes.TrimSpace(raw)
	var obj map[string]any
	if len(trimmed) == 0 || trimmed[0] != '{' || json.Unmarshal(trimmed, &obj) != nil {
		e.add(field, "must be a JSON object, such as {\"team\": \"platform\"}")
	}
}

// checkEmail follows Django's EmailField closely enough for plan time: one address, no display name, and a
// domain with a dot (or localhost).
func (e *fieldErrors) checkEmail(email string) {
	if email == "" {
		return
	}
	if utf8.RuneCountInString(email) > maxEmailLength {
		e.add(platform.FieldEmail, fmt.Sprintf("must be at most %d characters", maxEmailLength))
		return
	}
	addr, err := mail.ParseAddress(email)
	at := strings.LastIndex(email, "@")
	if err != nil || addr.Name != "" || addr.Address != email || at < 1 {
		e.add(platform.FieldEmail, fmt.Sprintf("%q does not look like an email address", email))
		return
	}
	domain := email[at+1:]
	if domain != "localhost" && (!strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".")) {
		e.add(platform.FieldEmail, fmt.Sprintf("%q does not look like an email address (the domain needs a dot)", email))
	}
}

// checkUsername checks the username that will be sent, which is the email when no username is set.
func (e *fieldErrors) checkUsername(username, email string) {
	if username == "" {
		switch {
		case email == "":
			e.add(fieldUsername, "set authentik.username or email: authentik needs a username and uses the email when none is given")
		case utf8.RuneCountInString(email) > maxUsernameLength:
			e.add(fieldUsername, fmt.Sprintf("must be set because the email is longer than %d characters, the longest username authentik allows",
				maxUsernameLength))
		}
		return
	}
	if n := utf8.RuneCountInString(username); n > maxUsernameLength {
		e.add(fieldUsername, fmt.Sprintf("must be 1-%d characters; got %d", maxUsernameLength, n))
	}
}

// checkPath mirrors authentik's rule: "No leading or trailing slashes allowed", and no empty segments.
func (e *fieldErrors) checkPath(path string) {
	if path == "" {
		return
	}
	if strings.HasPrefix(path, "/") || strings.HasSuffix(path, "/") {
		e.add(fieldPath, fmt.Sprintf("must not start or end with a slash; got %q", path))
		return
	}
	if strings.Contains(path, "//") {
		e.add(fieldPath, fmt.Sprintf("must not contain empty segments (\"//\"); got %q", path))
	}
}

func (e *fieldErrors) checkUserType(t string) {
	switch t {
	case "", "internal", "external", typeServiceAccount:
		return
	case typeInternalServiceAccount:
		e.add(fieldType, "internal_service_account cannot be set: authentik reserves it for the accounts it creates for its "+
			"outposts. Use one of "+strings.Join(userTypes, ", "))
	default:
		e.add(fieldType, fmt.Sprintf("must be one of %s; got %q", strings.Join(userTypes, ", "), t))
	}
}

// checkServiceAccount keeps the portable service_account flag and authentik's own type saying the same.
func (e *fieldErrors) checkServiceAccount(serviceAccount bool, t string) {
	switch {
	case t == "" || !slices.Contains(userTypes, t):
		return
	case serviceAccount && t != typeServiceAccount:
		e.add(fieldType, fmt.Sprintf("must be %q (or left out) for a service account; got %q", typeServiceAccount, t))
	case !serviceAccount && t == typeServiceAccount:
		e.add(fieldType, fmt.Sprintf("%q is authentik's service account: set service_account = true instead", typeServiceAccount))
	}
}
