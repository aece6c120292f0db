package secoda

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// groupChanges is a validated group write; nil fields were not sent.
type groupChanges struct {
	name, icon, description *string
	users                   []string
	hasUsers                bool
}

// validateGroup reads a group POST or PATCH body. Every field is optional in Secoda's schema, on create
// as on update; read-only fields (id, timestamps, workspace_id, snowflake_role) are ignored.
func (s *Server) validateGroup(b *mockapi.DRFBody, _ *group, _ mockapi.WriteMode, _ string) (groupChanges, bool) {
	var c groupChanges
	c.name = optStr(b, "name")
	c.icon = optStr(b, "icon")
	c.description = optStr(b, "description")
	c.users, c.hasUsers = uuidRefs(b, "users", s.st.users.Has)
	return c, len(b.Errs) == 0
}

func (s *Server) applyGroup(g *group, c groupChanges, mode mockapi.WriteMode) {
	mockapi.SetIf(&g.name, c.name)
	mockapi.SetIf(&g.icon, c.icon)
	mockapi.SetIf(&g.description, c.description)
	if c.hasUsers {
		// PATCH replaces the whole set; the relation is the same one User.user_groups shows.
		s.st.members.SetOf(g.id, c.users)
	}
	if mode != mockapi.ModeCreate {
		g.updatedAt = s.clock()
	}
}

// groups is the view of /auth/group/.
func (s *Server) groups() mockapi.ModelView[string, *group, groupChanges] {
	return mockapi.ModelView[string, *group, groupChanges]{
		Find:     func(w http.ResponseWriter, _ *http.Request, id string) *group { return byID(w, s.st.groups, id) },
		Validate: s.validateGroup,
		New: func(c groupChanges, _ string) *group {
			now := s.clock()
			g := &group{id: mockapi.NewUUID(), icon: defaultIcon, createdAt: now, updatedAt: now}
			s.st.groups.Put(g.id, g)
			s.applyGroup(g, c, mockapi.ModeCreate)
			return g
		},
		Apply:  s.applyGroup,
		Render: func(_ *http.Request, g *group) any { return s.st.renderGroup(g) },
		Delete: s.st.deleteGroup,
	}
}

// listGroups lists every group in creation order. Secoda documents no filters for this endpoint.
func (s *Server) listGroups(w http.ResponseWriter, r *http.Request, _ string) {
	writePage(w, r, s.st.groups.InOrder(), s.st.renderGroup)
}
