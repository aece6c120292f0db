package unleash

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// createUserKeys are the properties of createUserSchema, which has additionalProperties: false.
var createUserKeys = map[string]bool{"username": true, "email": true, "name": true, "password": true, "rootRole": true, "sendEmail": true}

// rootRoleNames is the enum of createUserSchema.rootRole's string branch; only the root roles among them resolve.
var rootRoleNames = []string{"Admin", "Editor", "Viewer", "Owner", "Member", "Reader"}

func (s *Server) listUsers(w http.ResponseWriter, _ *http.Request, _ map[string]any) {
	users := mockapi.Each(s.st.users.Select(func(u *user) bool { return !u.service }), func(u *user) map[string]any {
		j := userJSON(u)
		j["inviteLink"] = ""
		return j
	})
	writeJSON(w, http.StatusOK, map[string]any{"users": users, "rootRoles": mockapi.Each(s.st.rootRoles(), roleJSON)})
}

// searchUsers mirrors the store's query: name contains q, username or email starts with q, case-insensitive.
// Queries shorter than two characters find nothing.
func (s *Server) searchUsers(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	q := strings.ToLower(r.URL.Query().Get("q"))
	hits := s.st.users.Select(func(u *user) bool {
		return len(q) > 1 && !u.service && (strings.Contains(strings.ToLower(u.name), q) || strings.HasPrefix(strings.ToLower(u.username), q) ||
			strings.HasPrefix(u.email, q))
	})
	writeJSON(w, http.StatusOK, mockapi.Each(hits, searchUserJSON))
}

func (s *Server) userFromPath(w http.ResponseWriter, r *http.Request) *user {
	id, ok := pathID(r)
	if !ok {
		schemaError(w, wrongType("/params/id", "integer", r.PathValue("id")))
		return nil
	}
	u := s.st.person(id)
	if u == nil {
		notFound(w, msgNoUser)
	}
	return u
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	if u := s.userFromPath(w, r); u != nil {
		writeJSON(w, http.StatusOK, userJSON(u))
	}
}

// createUser follows the controller and UserService.createUser: schema validation, then "username or email",
// the Joi email check, the duplicate check (by email when there is one, else by username), the insert (a
// duplicate username fails here, as a 500, after the id sequence moved), then the role (an unknown one rolls
// the transaction back, the id stays used). The answer echoes rootRole exactly as sent.
func (s *Server) createUser(w http.ResponseWriter, _ *http.Request, body map[string]any) {
	if !validateCreateUser(w, body) {
		return
	}
	username, _, _ := stringField(body, "username")
	email, _, _ := stringField(body, "email")
	name, _, _ := stringField(body, "name")
	password, _, _ := stringField(body, "password")
	if username == "" && email == "" {
		badData(w, "You must specify username or email")
		return
	}
	if email != "" && !validEmail(email) {
		joiError(w, fmt.Sprintf("%q must be a valid email. You provided %q.", "value", email))
		return
	}
	email = strings.ToLower(email)
	if (email != "" && s.st.userByEmail(email) != nil) || (email == "" && s.st.userByUsername(username) != nil) {
		badData(w, "User already exists")
		return
	}
	id := s.st.userIDs.Next()
	if s.st.userByUsername(username) != nil {
		unknownError(w, insertUserSQL+` - duplicate key value violates unique constraint "users_username_key"`)
		return
	}
	roleID, ok := s.resolveRootRole(body["rootRole"])
	if !ok {
		badData(w, "Could not find rootRole="+fmt.Sprint(body["rootRole"]))
		return
	}
	u := &user{id: id, name: name, email: email, username: username, rootRole: roleID, passwordSet: password != "", createdAt: s.clock()}
	s.st.users.Put(id, u)

	out := userJSON(u)
	out["rootRole"] = echoRootRole(body["rootRole"])
	out["inviteLink"] = fmt.Sprintf("http://127.0.0.1/new-user?token=%s", randomHex(20))
	out["emailSent"] = false // the mock has no SMTP, like a server without EMAIL_HOST
	w.Header().Set("Location", strconv.Itoa(id))
	writeJSON(w, http.StatusCreated, out)
}

const insertUserSQL = `insert into "users" ("created_at", "email", "email_hash", "name", "username") values ($1, $2, encode(sha256($3::bytea), 'hex'), $4, $5) returning "id"`

// validateCreateUser is the OpenAPI check of createUserSchema; it answers and returns false on a violation.
func validateCreateUser(w http.ResponseWriter, body map[string]any) bool {
	var details []detail
	keys := make([]string, 0, len(body))
	for k := range body {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !createUserKeys[k] {
			details = append(details, additionalProperty(k))
		}
	}
	for _, k := range []string{"username", "email", "name", "password"} {
		if _, present, ok := stringField(body, k); present && !ok {
			details = append(details, wrongType("/body/"+k, "string", body[k]))
		}
	}
	if v, present := body["sendEmail"]; present {
		if _, ok := v.(bool); !ok {
			details = append(details, wrongType("/body/sendEmail", "boolean", v))
		}
	}
	if v, present := body["rootRole"]; !present {
		details = append(details, requiredProperty("/body/rootRole"))
	} else if d := checkRootRoleSchema(v); d != nil {
		details = append(details, d...)
	}
	if len(details) > 0 {
		schemaError(w, details...)
		return false
	}
	return true
}

// checkRootRoleSchema applies the oneOf of rootRole: a non-negative integer, or one of the enum names (case
// sensitive), with ajv's three complaints when neither branch matches.
func checkRootRoleSchema(v any) []detail {
	if i, ok := intValue(v); ok && i >= 0 {
		return nil
	}
	if s, ok := v.(string); ok {
		for _, n := range rootRoleNames {
			if s == n {
				return nil
			}
		}
		// A digit string passes after ajv's type coercion, which the controller then turns into a number.
		if _, err := strconv.Atoi(s); err == nil {
			return nil
		}
	}
	return []detail{
		wrongType("/body/rootRole", "integer", v),
		{Path: "rootRole", Message: fmt.Sprintf("The `rootRole` property must be equal to one of the allowed values: %s. You provided %s, which is not valid. Please use one of the allowed values instead..",
			quotedList(rootRoleNames), jsonText(v))},
		{Path: "/body/rootRole", Message: `The "/body/rootRole" property must match exactly one schema in oneOf. The data you provided matches more than one option in the schema. These options are mutually exclusive. Please refer back to the schema and remove any excess properties.`},
	}
}

func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// resolveRootRole turns what the caller sent (an id, a digit string, or a name) into a root role id.
func (s *Server) resolveRootRole(v any) (int, bool) {
	if i, ok := intValue(v); ok {
		return i, s.st.isRootRole(i)
	}
	str, _ := v.(string)
	if i, err := strconv.Atoi(str); err == nil {
		return i, s.st.isRootRole(i)
	}
	r, found := s.st.rootRoleNamed(str)
	return r.id, found
}

// echoRootRole is the controller's normalizedRootRole: numbers (and digit strings) as numbers, names as sent.
func echoRootRole(v any) any {
	if i, ok := intValue(v); ok {
		return i
	}
	if str, ok := v.(string); ok {
		if i, err := strconv.Atoi(str); err == nil {
			return i
		}
	}
	return v
}
