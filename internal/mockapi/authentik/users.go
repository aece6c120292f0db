package authentik

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const (
	userTypeInternal               = "internal"
	userTypeExternal               = "external"
	userTypeServiceAccount         = "service_account"
	userTypeInternalServiceAccount = "internal_service_account"
	usernameMaxLength              = 150
	emailMaxLength                 = 254
)

var userTypes = []string{userTypeInternal, userTypeExternal, userTypeServiceAccount, userTypeInternalServiceAccount}

// userChanges is a validated user write; nil or has*=false fields were not sent.
type userChanges struct {
	username, name, email, path, userType *string
	isActive                              *bool
	lastLogin                             *time.Time
	hasLastLogin                          bool
	attributes                            json.RawMessage
	groups, roles                         []string
	hasGroups, hasRoles                   bool
}

// validateUser reads a UserRequest with authentik's extra rules. existing is nil on create.
func (s *Server) validateUser(b *body, existing *user, mode writeMode) (userChanges, bool) {
	var c userChanges
	if mode != modePatch {
		b.requireAll("username", "name")
	}
	if username, ok := b.str("username", strRule{maxLen: usernameMaxLength}); ok {
		if other := s.st.userByUsername(username); other != nil && other != existing {
			b.errs.add("username", msgUnique)
		} else {
			c.username = &username
		}
	}
	if name, ok := b.str("name", strRule{allowBlank: true}); ok {
		c.name = &name
	}
	if v, ok := b.boolean("is_active"); ok {
		c.isActive = &v
	}
	c.lastLogin, c.hasLastLogin = b.dateTime("last_login", true)
	c.groups, c.hasGroups = b.uuidRefs("groups", func(uuid string) bool { return s.st.groups[uuid] != nil })
	c.roles, c.hasRoles = b.uuidRefs("roles", func(uuid string) bool { return s.st.roles[uuid] != nil })
	if mode != modePatch {
		// Both relations default to []: a create or PUT that omits them leaves the user in none.
		if !b.has("groups") {
			c.groups, c.hasGroups = []string{}, true
		}
		if !b.has("roles") {
			c.roles, c.hasRoles = []string{}, true
		}
	}
	if email, ok := b.str("email", strRule{allowBlank: true}); ok {
		valid := true
		if len([]rune(email)) > emailMaxLength {
			b.errs.add("email", msgMaxLength(emailMaxLength))
			valid = false
		}
		if email != "" && !validEmail(email) {
			b.errs.add("email", msgInvalidEmail)
			valid = false
		}
		if valid {
			c.email = &email
		}
	}
	c.attributes = b.object("attributes")
	if path, ok := b.str("path", strRule{}); ok {
		if msg := userPathError(path); msg != "" {
			b.errs.add("path", msg)
		} else {
			c.path = &path
		}
	}
	if t, ok := b.choice("type", userTypes...); ok {
		if msg := userTypeError(existing, t); msg != "" {
			b.errs.add("type", msg)
		} else {
			c.userType = &t
		}
	}
	if len(b.errs) == 0 && existing != nil && existing.userType == userTypeInternalServiceAccount {
		b.errs.add(nonFieldErrors, "Can't modify internal service account users")
	}
	return c, len(b.errs) == 0
}

func userPathError(path string) string {
	if strings.HasPrefix(path, "/") || strings.HasSuffix(path, "/") {
		return msgPathSlashes
	}
	for _, segment := range strings.Split(path, "/") {
		if segment == "" {
			return msgPathEmptySegment
		}
	}
	return ""
}

func userTypeError(existing *user, t string) string {
	if existing == nil && t == userTypeInternalServiceAccount {
		return "Setting a user to internal service account is not allowed."
	}
	if existing != nil && existing.userType == userTypeInternalServiceAccount && t != userTypeInternalServiceAccount {
		return "Can't change internal service account to other user type."
	}
	return ""
}

func (s *Server) applyUser(u *user, c userChanges) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&u.username, c.username)
	set(&u.name, c.name)
	set(&u.email, c.email)
	set(&u.path, c.path)
	set(&u.userType, c.userType)
	if c.isActive != nil {
		u.isActive = *c.isActive
	}
	if c.hasLastLogin {
		u.lastLogin = c.lastLogin
	}
	if c.attributes != nil {
		u.attributes = c.attributes
	}
	if c.hasRoles {
		u.roles = setOf(c.roles)
	}
	if c.hasGroups {
		s.st.setUserGroups(u.pk, c.groups)
	}
	u.lastUpdated = s.clock()
}

// newUser allocates a user with the model's defaults; the caller stores it.
func (s *Server) newUser() *user {
	now := s.clock()
	u := &user{
		pk: s.st.nextUserPK, uuid: newUUID(), isActive: true, path: "users", userType: userTypeInternal,
		attributes: emptyObject, roles: map[string]struct{}{},
		dateJoined: now, lastUpdated: now, passwordChangeDate: now,
	}
	s.st.nextUserPK++
	s.st.users[u.pk] = u
	return u
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request, _ *user) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	c, valid := s.validateUser(b, nil, modeCreate)
	if !valid {
		writeValidationErrors(w, b.errs)
		return
	}
	u := s.newUser()
	s.applyUser(u, c)
	mockapi.WriteJSON(w, http.StatusCreated, s.st.renderUser(u, userFlagsOf(r)))
}

func (s *Server) userFromPath(w http.ResponseWriter, r *http.Request) *user {
	if pk, err := strconv.Atoi(r.PathValue("id")); err == nil {
		if u := s.st.users[pk]; u != nil {
			return u
		}
	}
	writeNoSuchObject(w, "User")
	return nil
}

func (s *Server) retrieveUser(w http.ResponseWriter, r *http.Request, _ *user) {
	if u := s.userFromPath(w, r); u != nil {
		mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u, userFlagsOf(r)))
	}
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request, _ *user) {
	s.writeUser(w, r, modeUpdate)
}

func (s *Server) partialUpdateUser(w http.ResponseWriter, r *http.Request, _ *user) {
	s.writeUser(w, r, modePatch)
}

func (s *Server) writeUser(w http.ResponseWriter, r *http.Request, mode writeMode) {
	u := s.userFromPath(w, r)
	if u == nil {
		return
	}
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	c, valid := s.validateUser(b, u, mode)
	if !valid {
		writeValidationErrors(w, b.errs)
		return
	}
	s.applyUser(u, c)
	mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u, userFlagsOf(r)))
}

func (s *Server) destroyUser(w http.ResponseWriter, r *http.Request, _ *user) {
	if u := s.userFromPath(w, r); u != nil {
		s.st.deleteUser(u.pk)
		mockapi.WriteNoContent(w)
	}
}

// setPassword validates the body before looking the user up, as authentik's @validate does.
func (s *Server) setPassword(w http.ResponseWriter, r *http.Request, _ *user) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	b.requireAll("password")
	password, _ := b.str("password", strRule{})
	if len(b.errs) > 0 {
		writeValidationErrors(w, b.errs)
		return
	}
	u := s.userFromPath(w, r)
	if u == nil {
		return
	}
	u.password = password
	u.passwordChangeDate = s.clock()
	mockapi.WriteNoContent(w)
}
