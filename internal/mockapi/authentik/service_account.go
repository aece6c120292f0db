package authentik

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const (
	serviceAccountPath     = "goauthentik.io/service-accounts"
	serviceAccountLifetime = 360 * 24 * time.Hour
)

type serviceAccountJSON struct {
	Username string `json:"username"`
	Token    string `json:"token"`
	UserUID  string `json:"user_uid"`
	UserPK   int    `json:"user_pk"`
	GroupPK  string `json:"group_pk,omitempty"`
}

// createServiceAccount is POST /core/users/service_account/: a service_account user named after
// "name", an app_password token "service-account-<slug>-password" whose key is returned, and,
// when asked, a group of the same name. All or nothing: a clash with an existing group or token is
// a 400 under non_field_errors and creates nothing.
func (s *Server) createServiceAccount(w http.ResponseWriter, r *http.Request, _ *user) {
	b, ok := mockapi.ReadDRFBody(w, r)
	if !ok {
		return
	}
	b.Require("name")
	name, hasName := b.Str("name", mockapi.StrRule{})
	if hasName && s.st.userByUsername(name) != nil {
		b.Errs.Add("name", msgUnique)
	}
	createGroup, _ := b.Bool("create_group")
	expiring, sentExpiring := b.Bool("expiring")
	if !sentExpiring && !b.Errs.Has("expiring") {
		expiring = true
	}
	expires, sentExpires := dateTime(b, "expires", false)
	if len(b.Errs) > 0 {
		mockapi.WriteFieldErrors(w, b.Errs)
		return
	}
	now := s.clock()
	if !sentExpires {
		t := now.Add(serviceAccountLifetime)
		expires = &t
	}
	identifier := djangoSlugify("service-account-" + name + "-password")
	if s.st.tokens.Get(identifier) != nil || (createGroup && s.st.groupByName(name) != nil) {
		mockapi.WriteFieldErrors(w, mockapi.FieldErrors{mockapi.NonFieldErrors: {"A user/group with these details already exists"}})
		return
	}

	u := s.newUser()
	u.username, u.name, u.userType, u.path = name, name, userTypeServiceAccount, serviceAccountPath
	attrs, _ := json.Marshal(map[string]bool{attrTokenExpires: expiring})
	u.attributes = attrs
	resp := serviceAccountJSON{Username: name, UserUID: userUID(u.pk), UserPK: u.pk}
	if createGroup {
		g := &group{uuid: mockapi.NewUUID(), name: name, attributes: emptyObject, parents: map[string]struct{}{}, roles: map[string]struct{}{}}
		s.st.groups.Put(g.uuid, g)
		s.st.members.Add(g.uuid, u.pk)
		resp.GroupPK = g.uuid
	}
	t := &token{uuid: mockapi.NewUUID(), identifier: identifier, key: newTokenKey(), intent: intentAppPassword,
		user: u.pk, expires: expires, expiring: expiring}
	s.st.tokens.Put(identifier, t)
	resp.Token = t.key
	mockapi.WriteJSON(w, http.StatusOK, resp)
}

var (
	slugDrop     = regexp.MustCompile(`[^\w\s-]`)
	slugSeparate = regexp.MustCompile(`[-\s]+`)
)

// djangoSlugify is django.utils.text.slugify without allow_unicode: ASCII-fold, lower-case, drop
// everything but word characters, spaces and hyphens, collapse runs of those into one hyphen.
func djangoSlugify(s string) string {
	var ascii strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if r < unicode.MaxASCII {
			ascii.WriteRune(r)
		}
	}
	out := slugDrop.ReplaceAllString(strings.ToLower(ascii.String()), "")
	return strings.Trim(slugSeparate.ReplaceAllString(out, "-"), "-_")
}
