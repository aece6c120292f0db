package authentik

import (
	"net/http"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

var userOrdering = map[string]comparator[*user]{
	"username":     func(a, b *user) int { return compareFold(a.username, b.username) },
	"name":         func(a, b *user) int { return compareFold(a.name, b.name) },
	"email":        func(a, b *user) int { return compareFold(a.email, b.email) },
	"is_active":    func(a, b *user) int { return boolCompare(a.isActive, b.isActive) },
	"date_joined":  func(a, b *user) int { return a.dateJoined.Compare(b.dateJoined) },
	"last_updated": func(a, b *user) int { return a.lastUpdated.Compare(b.lastUpdated) },
	"last_login":   func(a, b *user) int { return timeCompare(a.lastLogin, b.lastLogin) },
	"path":         func(a, b *user) int { return strings.Compare(a.path, b.path) },
	"type":         func(a, b *user) int { return strings.Compare(a.userType, b.userType) },
	"uuid":         func(a, b *user) int { return strings.Compare(a.uuid, b.uuid) },
	"pk":           func(a, b *user) int { return a.pk - b.pk },
}

// userFilter is the parsed query of a user listing.
type userFilter struct {
	exact                                map[string]string // username, email, name, path
	pathPrefix                           string
	uuid                                 string
	isActive, isSuperuser                *bool
	types                                []string
	groups, groupNames, roles, roleNames map[string]struct{}
	terms                                []string
	lastLoginIsNull                      *bool
}

func (s *Server) parseUserFilter(r *http.Request) (userFilter, mockapi.FieldErrors) {
	f := userFilter{exact: map[string]string{}, terms: searchTerms(r)}
	errs := mockapi.FieldErrors{}
	for _, name := range []string{"username", "email", "name", "path"} {
		if v, ok := exactFilter(r, name); ok {
			f.exact[name] = v
		}
	}
	f.pathPrefix = r.URL.Query().Get("path_startswith")
	if v, ok := exactFilter(r, "uuid"); ok {
		if uuid, valid := canonicalUUID(v); valid {
			f.uuid = uuid
		} else {
			errs.Add("uuid", "Enter a valid UUID.")
		}
	}
	if v, ok := boolFilter(r, "is_active"); ok {
		f.isActive = &v
	}
	if v, ok := boolFilter(r, "is_superuser"); ok {
		f.isSuperuser = &v
	}
	if v, ok := boolFilter(r, "last_login__isnull"); ok {
		f.lastLoginIsNull = &v
	}
	for _, t := range multiFilter(r, "type") {
		if !slices.Contains(userTypes, t) {
			errs.Add("type", msgSelectValidChoice(t))
			break
		}
		f.types = append(f.types, t)
	}
	f.groups = choiceFilter(r, "groups_by_pk", errs, uuidChoice(s.st.groups.Has))
	f.roles = choiceFilter(r, "roles_by_pk", errs, uuidChoice(s.st.roles.Has))
	f.groupNames = choiceFilter(r, "groups_by_name", errs, func(v string) (string, string) {
		if g := s.st.groupByName(v); g != nil {
			return g.uuid, ""
		}
		return "", msgSelectValidChoice(v)
	})
	f.roleNames = choiceFilter(r, "roles_by_name", errs, func(v string) (string, string) {
		if role := s.st.roles.Find(func(x *role) bool { return x.name == v }); role != nil {
			return role.uuid, ""
		}
		return "", msgSelectValidChoice(v)
	})
	return f, errs
}

// uuidChoice is the choiceFilter key of objects named by uuid.
func uuidChoice(exists func(string) bool) func(string) (string, string) {
	return func(v string) (string, string) {
		uuid, valid := canonicalUUID(v)
		switch {
		case !valid:
			return "", msgNotAValidValue(v)
		case !exists(uuid):
			return "", msgSelectValidChoice(v)
		}
		return uuid, ""
	}
}

func (s *Server) userMatches(u *user, f userFilter) bool {
	fields := map[string]string{"username": u.username, "email": u.email, "name": u.name, "path": u.path}
	for name, want := range f.exact {
		if fields[name] != want {
			return false
		}
	}
	switch {
	case f.pathPrefix != "" && !strings.HasPrefix(u.path, f.pathPrefix),
		f.uuid != "" && u.uuid != f.uuid,
		f.isActive != nil && u.isActive != *f.isActive,
		f.lastLoginIsNull != nil && (u.lastLogin == nil) != *f.lastLoginIsNull,
		f.types != nil && !slices.Contains(f.types, u.userType),
		!matchesSearch(f.terms, u.email, u.name, u.uuid, u.username):
		return false
	}
	memberOf := s.st.members.To(u.pk)
	if f.isSuperuser != nil && s.directSuperuser(memberOf) != *f.isSuperuser {
		return false
	}
	return intersects(memberOf, f.groups) && intersects(memberOf, f.groupNames) &&
		intersects(u.roles, f.roles) && intersects(u.roles, f.roleNames)
}

// directSuperuser is the is_superuser list filter, which, unlike the User.is_superuser field,
// looks only at the user's own groups (groups__is_superuser=True), not at their ancestors.
func (s *Server) directSuperuser(memberOf map[string]struct{}) bool {
	for uuid := range memberOf {
		if g := s.st.groups.Get(uuid); g != nil && g.isSuperuser {
			return true
		}
	}
	return false
}

// intersects reports whether have shares an element with want; a nil want is no filter.
func intersects(have, want map[string]struct{}) bool {
	if want == nil {
		return true
	}
	for k := range want {
		if _, ok := have[k]; ok {
			return true
		}
	}
	return false
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request, _ *user) {
	attrs, ok := attributesFilter(w, r)
	if !ok {
		return
	}
	f, errs := s.parseUserFilter(r)
	if len(errs) > 0 {
		mockapi.WriteFieldErrors(w, errs)
		return
	}
	var out []*user
	for _, u := range s.st.users.Rows() {
		if s.userMatches(u, f) && attributesMatch(u.attributes, attrs) {
			out = append(out, u)
		}
	}
	sortForListing(out, r, userOrdering, []string{"username", "date_joined", "last_updated", "last_login"}, userOrdering["pk"])
	flags := userFlagsOf(r)
	writePage(w, r, out, func(u *user) any { return s.st.renderUser(u, flags) })
}
