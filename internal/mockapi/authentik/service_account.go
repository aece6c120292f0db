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
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	b.requireAll("name")
	name, hasName := b.str("name", strRule{})
	if hasName && s.st.userByUsername(name) != nil {
		b.errs.add("name", msgUnique)
	}
	createGroup, _ := b.boolean("create_group")
	expiring, sentExpiring := b.boolean("expiring")
	if !sentExpiring && !b.errs.has("expiring") {
		expiring = true
	}
	expires, sentExpires := b.dateTime("expires", false)
	if len(b.errs) > 0 {
		writeValidationErrors(w, b.errs)
		return
	}
	now := s.clock()
	if !sentExpires {
		t := now.Add(serviceAccountLifetime)
		expires = &t
	}
	identifier := djangoSlugify("service-account-" + name + "-password")
	if s.st.tokens[identifier] != nil || (createGroup && s.st.groupByName(name) != nil) {
		writeValidationErrors(w, fieldErrors{nonFieldErrors: {"A user/group with these details already exists"}})
		return
	}

	u := s.newUser()
	u.username, u.name, u.userType, u.path = name, name, userTypeServiceAccount, serviceAccountPath
	attrs, _ := json.Marshal(map[string]bool{attrTokenExpires: expiring})
	u.attributes = attrs
	resp := serviceAccountJSON{Username: name, UserUID: userUID(u.pk), UserPK: u.pk}
	if createGroup {
		g := &group{uuid: newUUID(), name: name, attributes: emptyObject, parents: map[string]struct{}{}, roles: map[string]struct{}{}}
		s.st.groups[g.uuid] = g
		s.st.addMember(g.uuid, u.pk)
		resp.GroupPK = g.uuid
	}
	t := &token{uuid: newUUID(), identifier: identifier, key: newTokenKey(), intent: intentAppPassword,
		user: u.pk, expires: expires, expiring: expiring}
	s.st.tokens[identifier] = t
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
