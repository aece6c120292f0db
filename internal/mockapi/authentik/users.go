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
func (s *Server) validateUser(b *mockapi.DRFBody, existing *user, mode mockapi.WriteMode, _ *user) (userChanges, bool) {
	var c userChanges
	if mode != mockapi.ModePatch {
		b.Require("username", "name")
	}
	if username, ok := b.Str("username", mockapi.StrRule{MaxLen: usernameMaxLength}); ok {
		if other := s.st.userByUsername(username); other != nil && other != existing {
			b.Errs.Add("username", msgUnique)
		} else {
			c.username = &username
		}
	}
	if name, ok := b.Str("name", mockapi.StrRule{AllowBlank: true}); ok {
		c.name = &name
	}
	if v, ok := b.Bool("is_active"); ok {
		c.isActive = &v
	}
	c.lastLogin, c.hasLastLogin = dateTime(b, "last_login", true)
	c.groups, c.hasGroups = uuidRefs(b, "groups", s.st.groups.Has)
	c.roles, c.hasRoles = uuidRefs(b, "roles", s.st.roles.Has)
	if mode != mockapi.ModePatch {
		// Both relations default to []: a create or PUT that omits them leaves the user in none.
		if !b.Has("groups") {
			c.groups, c.hasGroups = []string{}, true
		}
		if !b.Has("roles") {
			c.roles, c.hasRoles = []string{}, true
		}
	}
	if email, ok := b.Str("email", mockapi.StrRule{AllowBlank: true}); ok {
		valid := true
		if len([]rune(email)) > emailMaxLength {
			b.Errs.Add("email", mockapi.MsgMaxLength(emailMaxLength))
			valid = false
		}
		if email != "" && !validEmail(email) {
			b.Errs.Add("email", msgInvalidEmail)
			valid = false
		}
		if valid {
			c.email = &email
		}
	}
	c.attributes = object(b, "attributes")
	if path, ok := b.Str("path", mockapi.StrRule{}); ok {
		if msg := userPathError(path); msg != "" {
			b.Errs.Add("path", msg)
		} else {
			c.path = &path
		}
	}
	if t, ok := b.Choice("type", false, userTypes...); ok {
		if msg := userTypeError(existing, t); msg != "" {
			b.Errs.Add("type", msg)
		} else {
			c.userType = &t
		}
	}
	if len(b.Errs) == 0 && existing != nil && existing.userType == userTypeInternalServiceAccount {
		b.Errs.Add(mockapi.NonFieldErrors, "Can't modify internal service account users")
	}
	return c, len(b.Errs) == 0
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

func (s *Server) applyUser(u *user, c userChanges, _ mockapi.WriteMode) {
	mockapi.SetIf(&u.username, c.username)
	mockapi.SetIf(&u.name, c.name)
	mockapi.SetIf(&u.email, c.email)
	mockapi.SetIf(&u.path, c.path)
	mockapi.SetIf(&u.userType, c.userType)
	mockapi.SetIf(&u.isActive, c.isActive)
	if c.hasLastLogin {
		u.lastLogin = c.lastLogin
	}
	if c.attributes != nil {
		u.attributes = c.attributes
	}
	if c.hasRoles {
		u.roles = mockapi.SetOf(c.roles)
	}
	if c.hasGroups {
		s.st.members.SetTo(u.pk, c.groups)
	}
	u.lastUpdated = s.clock()
}

// newUser stores a user with the model's defaults.
func (s *Server) newUser() *user {
	now := s.clock()
	u := &user{
		pk: s.st.userPKs.Next(), uuid: mockapi.NewUUID(), isActive: true, path: "users", userType: userTypeInternal,
		attributes: emptyObject, roles: map[string]struct{}{},
		dateJoined: now, lastUpdated: now, passwordChangeDate: now,
	}
	s.st.users.Put(u.pk, u)
	return u
}

// users is the ModelViewSet of /core/users/.
func (s *Server) users() mockapi.ModelView[*user, *user, userChanges] {
	return mockapi.ModelView[*user, *user, userChanges]{
		Find:     s.userFromPath,
		Validate: s.validateUser,
		New: func(c userChanges, _ *user) *user {
			u := s.newUser()
			s.applyUser(u, c, mockapi.ModeCreate)
			return u
		},
		Apply:  s.applyUser,
		Render: func(r *http.Request, u *user) any { return s.st.renderUser(u, userFlagsOf(r)) },
		Delete: s.st.deleteUser,
	}
}

func (s *Server) userFromPath(w http.ResponseWriter, r *http.Request, _ *user) *user {
	if pk, err := strconv.Atoi(r.PathValue("id")); err == nil {
		if u := s.st.users.Get(pk); u != nil {
			return u
		}
	}
	writeNoSuchObject(w, "User")
	return nil
}

// setPassword validates the body before looking the user up, as authentik's @validate does.
func (s *Server) setPassword(w http.ResponseWriter, r *http.Request, _ *user) {
	b, ok := mockapi.ReadDRFBody(w, r)
	if !ok {
		return
	}
	b.Require("password")
	password, _ := b.Str("password", mockapi.StrRule{})
	if len(b.Errs) > 0 {
		mockapi.WriteFieldErrors(w, b.Errs)
		return
	}
	u := s.userFromPath(w, r, nil)
	if u == nil {
		return
	}
	u.password = password
	u.passwordChangeDate = s.clock()
	mockapi.WriteNoContent(w)
}
