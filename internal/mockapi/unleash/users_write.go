package unleash

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
)

// updateUser follows UserService.updateUser: updateUserSchema is not strict (unknown keys, username included,
// are ignored), empty name or email keep the old value, a falsy rootRole keeps the role, an email taken by
// another user fails in the database (500). The answer echoes rootRole as sent, and leaves it out when it was
// not sent.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request, body map[string]any) {
	var details []detail
	for _, k := range []string{"email", "name"} {
		if _, present, ok := stringField(body, k); present && !ok {
			details = append(details, wrongType("/body/"+k, "string", body[k]))
		}
	}
	rootRole, hasRole := body["rootRole"]
	if hasRole {
		details = append(details, checkRootRoleSchema(rootRole)...)
	}
	if len(details) > 0 {
		schemaError(w, details...)
		return
	}
	u := s.userFromPath(w, r)
	if u == nil {
		return
	}
	email, _, _ := stringField(body, "email")
	name, _, _ := stringField(body, "name")
	if email != "" && !validEmail(email) {
		joiError(w, fmt.Sprintf("%q must be a valid email. You provided %q.", "value", email))
		return
	}
	if hasRole && truthy(rootRole) {
		id, ok := s.resolveRootRole(rootRole)
		if !ok {
			badData(w, "Could not find rootRole="+fmt.Sprint(rootRole))
			return
		}
		u.rootRole = id
	}
	email = strings.ToLower(email)
	if email != "" {
		if other := s.st.userByEmail(email); other != nil && other.id != u.id {
			unknownError(w, `update "users" set "email" = $1, "name" = $2 where "deleted_at" is null and "is_service" = $3 and "id" = $4 - duplicate key value violates unique constraint "users_email_key"`)
			return
		}
		u.email = email
	}
	if name != "" {
		u.name = name
	}
	out := userJSON(u)
	delete(out, "rootRole")
	if hasRole {
		out["rootRole"] = echoRootRole(rootRole)
	}
	writeJSON(w, http.StatusOK, out)
}

// truthy is JavaScript's truthiness for the values rootRole can take.
func truthy(v any) bool {
	switch t := v.(type) {
	case nil:
		return false
	case string:
		return t != ""
	case bool:
		return t
	}
	if i, ok := intValue(v); ok {
		return i != 0
	}
	return true
}

// deleteUser is the soft delete: 200 with no body, then 404 for every later request about that id.
func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	if u := s.userFromPath(w, r); u != nil {
		s.st.deleteUser(u.id)
		writeEmpty(w)
	}
}

// changePassword applies the OWASP rules (the create path does not). For an unknown id Unleash does not look
// the user up first: inserting the password hash breaks a foreign key, and that is a 500.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, body map[string]any) {
	id, ok := pathID(r)
	if !ok {
		schemaError(w, wrongType("/params/id", "integer", r.PathValue("id")))
		return
	}
	password, present, isString := stringField(body, "password")
	switch {
	case !present:
		schemaError(w, requiredProperty("/body/password"))
		return
	case !isString:
		schemaError(w, wrongType("/body/password", "string", body["password"]))
		return
	}
	if errs := owaspErrors(password); len(errs) > 0 {
		owaspError(w, errs)
		return
	}
	if password == "" {
		writeServiceError(w, http.StatusBadRequest, "PasswordUndefinedError", "Password cannot be empty or undefined")
		return
	}
	u := s.st.users.Get(id)
	if u == nil {
		unknownError(w, `insert into "used_passwords" ("password_hash", "user_id") values ($1, $2) - insert or update on table "used_passwords" violates foreign key constraint "used_passwords_user_id_fkey"`)
		return
	}
	u.passwordSet = true
	writeEmpty(w)
}

func owaspError(w http.ResponseWriter, errs []string) {
	writeJSON(w, http.StatusBadRequest, apiError{
		Name: "OwaspValidationError", Message: errs[0], Details: []detail{{Message: errs[0], ValidationErrors: errs}},
	})
}

// owaspErrors is owasp-password-strength-test as Unleash configures it (passphrases not allowed): the
// required tests, then all four optional ones must pass. An empty password is left to the caller.
func owaspErrors(password string) []string {
	if password == "" {
		return nil
	}
	var errs []string
	n := len([]rune(password))
	if n < 10 {
		errs = append(errs, "The password must be at least 10 characters long.")
	}
	if n > 128 {
		errs = append(errs, "The password must be fewer than 128 characters.")
	}
	if hasTripleRepeat(password) {
		errs = append(errs, "The password may not contain sequences of three or more repeated characters.")
	}
	optional := []struct {
		re  *regexp.Regexp
		msg string
	}{
		{lowerRe, "The password must contain at least one lowercase letter."},
		{upperRe, "The password must contain at least one uppercase letter."},
		{digitRe, "The password must contain at least one number."},
		{specialRe, "The password must contain at least one special character."},
	}
	for _, t := range optional {
		if !t.re.MatchString(password) {
			errs = append(errs, t.msg)
		}
	}
	return errs
}

var (
	lowerRe   = regexp.MustCompile(`[a-z]`)
	upperRe   = regexp.MustCompile(`[A-Z]`)
	digitRe   = regexp.MustCompile(`[0-9]`)
	specialRe = regexp.MustCompile(`[^A-Za-z0-9]`)
)

// hasTripleRepeat is /(.)\1{2,}/, which Go's regexp cannot express.
func hasTripleRepeat(s string) bool {
	r := []rune(s)
	for i := 2; i < len(r); i++ {
		if r[i] == r[i-1] && r[i] == r[i-2] {
			return true
		}
	}
	return false
}

// reservedTLDs are top-level names Joi's email check rejects because they are not in the IANA list; a real
// server answered "must be a valid email" for x@foo.test and x@localhost. The mock does not carry the whole
// list: any other alphabetic TLD of two letters or more passes.
var reservedTLDs = map[string]bool{"test": true, "localhost": true, "invalid": true, "example": true, "local": true, "internal": true}

var emailRe = regexp.MustCompile(`^[A-Za-z0-9.!#$%&'*+/=?^_` + "`" + `{|}~-]+@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,})$`)

func validEmail(email string) bool {
	m := emailRe.FindStringSubmatch(email)
	return m != nil && !reservedTLDs[strings.ToLower(m[2])] && !strings.Contains(email, "..")
}
