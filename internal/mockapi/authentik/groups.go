package authentik

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// groupChanges is a validated group write; nil fields were not sent (or keep their value).
type groupChanges struct {
	name        *string
	isSuperuser *bool
	attributes  json.RawMessage
	parents     []string
	hasParents  bool
	roles       []string
	hasRoles    bool
	users       []int
	hasUsers    bool
}

// validateGroup reads a GroupRequest. existing is nil on create.
func (s *Server) validateGroup(b *mockapi.DRFBody, existing *group, mode mockapi.WriteMode, _ *user) (groupChanges, bool) {
	var c groupChanges
	if mode != mockapi.ModePatch {
		b.Require("name")
	}
	if name, ok := b.Str("name", mockapi.StrRule{}); ok {
		if other := s.st.groupByName(name); other != nil && other != existing {
			b.Errs.Add("name", "Group with this name already exists.")
		} else {
			c.name = &name
		}
	}
	if v, ok := b.Bool("is_superuser"); ok {
		c.isSuperuser = &v
	}
	c.attributes = object(b, "attributes")
	c.parents, c.hasParents = uuidRefs(b, "parents", s.st.groups.Has)
	c.roles, c.hasRoles = uuidRefs(b, "roles", s.st.roles.Has)
	c.users, c.hasUsers = intRefs(b, "users", s.st.users.Has)
	if !b.Has("users") && mode == mockapi.ModeUpdate {
		// The serializer's default for users is []: a PUT without it removes every member.
		c.users, c.hasUsers = []int{}, true
	}
	return c, len(b.Errs) == 0
}

func (s *Server) applyGroup(g *group, c groupChanges, _ mockapi.WriteMode) {
	mockapi.SetIf(&g.name, c.name)
	mockapi.SetIf(&g.isSuperuser, c.isSuperuser)
	if c.attributes != nil {
		g.attributes = c.attributes
	}
	if c.hasParents {
		g.parents = mockapi.SetOf(c.parents)
	}
	if c.hasRoles {
		g.roles = mockapi.SetOf(c.roles)
	}
	if c.hasUsers {
		s.st.members.SetOf(g.uuid, c.users)
	}
}

// groups is the ModelViewSet of /core/groups/.
func (s *Server) groups() mockapi.ModelView[*user, *group, groupChanges] {
	return mockapi.ModelView[*user, *group, groupChanges]{
		Find:     s.groupFromPath,
		Validate: s.validateGroup,
		New: func(c groupChanges, _ *user) *group {
			g := s.st.newGroup("")
			s.applyGroup(g, c, mockapi.ModeCreate)
			return g
		},
		Apply:  s.applyGroup,
		Render: func(r *http.Request, g *group) any { return s.st.renderGroup(g, groupFlagsOf(r)) },
		Delete: s.st.deleteGroup,
	}
}

// groupFromPath finds the group of the {group_uuid} path segment; an id that is not a uuid is as
// unknown as a missing one, as with DRF's get_object_or_404.
func (s *Server) groupFromPath(w http.ResponseWriter, r *http.Request, _ *user) *group {
	if uuid, ok := canonicalUUID(r.PathValue("group_uuid")); ok {
		if g := s.st.groups.Get(uuid); g != nil {
			return g
		}
	}
	writeNoSuchObject(w, "Group")
	return nil
}

func (s *Server) addUserToGroup(w http.ResponseWriter, r *http.Request, _ *user) {
	s.changeMembership(w, r, s.st.members.Add)
}

func (s *Server) removeUserFromGroup(w http.ResponseWriter, r *http.Request, _ *user) {
	s.changeMembership(w, r, s.st.members.Remove)
}

// changeMembership serves add_user/remove_user: the body is validated first, then the group is
// looked up, then the user; an unknown user is a bare 404 {"detail":"Not found."}. Both actions are
// idempotent.
func (s *Server) changeMembership(w http.ResponseWriter, r *http.Request, change func(groupUUID string, userPK int)) {
	b, ok := mockapi.ReadDRFBody(w, r)
	if !ok {
		return
	}
	b.Require("pk")
	pk, _ := b.Int("pk")
	if len(b.Errs) > 0 {
		mockapi.WriteFieldErrors(w, b.Errs)
		return
	}
	g := s.groupFromPath(w, r, nil)
	if g == nil {
		return
	}
	if !s.st.users.Has(pk) {
		mockapi.WriteDetail(w, http.StatusNotFound, mockapi.MsgNotFound)
		return
	}
	change(g.uuid, pk)
	mockapi.WriteNoContent(w)
}

var groupOrdering = map[string]comparator[*group]{
	"name":         func(a, b *group) int { return compareFold(a.name, b.name) },
	"is_superuser": func(a, b *group) int { return boolCompare(a.isSuperuser, b.isSuperuser) },
	"pk":           func(a, b *group) int { return strings.Compare(a.uuid, b.uuid) },
	"group_uuid":   func(a, b *group) int { return strings.Compare(a.uuid, b.uuid) },
}

func (s *Server) listGroups(w http.ResponseWriter, r *http.Request, _ *user) {
	attrs, ok := attributesFilter(w, r)
	if !ok {
		return
	}
	memberPKs, memberNames, errs := s.memberFilters(r)
	if len(errs) > 0 {
		mockapi.WriteFieldErrors(w, errs)
		return
	}
	name, byName := exactFilter(r, "name")
	superuser, bySuperuser := boolFilter(r, "is_superuser")
	terms := searchTerms(r)

	var out []*group
	for _, g := range s.st.groups.Rows() {
		switch {
		case byName && g.name != name,
			bySuperuser && g.isSuperuser != superuser,
			!matchesSearch(terms, g.name, strconv.FormatBool(g.isSuperuser)),
			!attributesMatch(g.attributes, attrs),
			memberPKs != nil && !s.hasAnyMember(g.uuid, memberPKs),
			memberNames != nil && !s.hasAnyMember(g.uuid, memberNames):
			continue
		}
		out = append(out, g)
	}
	sortForListing(out, r, groupOrdering, []string{"name"}, groupOrdering["pk"])
	flags := groupFlagsOf(r)
	writePage(w, r, out, func(g *group) any { return s.st.renderGroup(g, flags) })
}

// memberFilters reads members_by_pk and members_by_username; every value must name an existing
// user, else 400 on that filter.
func (s *Server) memberFilters(r *http.Request) (byPK, byUsername map[int]struct{}, errs mockapi.FieldErrors) {
	errs = mockapi.FieldErrors{}
	byPK = choiceFilter(r, "members_by_pk", errs, func(v string) (int, string) {
		pk, err := strconv.Atoi(v)
		switch {
		case err != nil:
			return 0, msgNotAValidValue(v)
		case !s.st.users.Has(pk):
			return 0, msgSelectValidChoice(v)
		}
		return pk, ""
	})
	byUsername = choiceFilter(r, "members_by_username", errs, func(v string) (int, string) {
		if u := s.st.userByUsername(v); u != nil {
			return u.pk, ""
		}
		return 0, msgSelectValidChoice(v)
	})
	return byPK, byUsername, errs
}

func (s *Server) hasAnyMember(groupUUID string, pks map[int]struct{}) bool {
	for pk := range pks {
		if s.st.members.Has(groupUUID, pk) {
			return true
		}
	}
	return false
}
