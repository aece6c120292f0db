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
func (s *Server) validateGroup(b *mockapi.DRFBody) (groupChanges, bool) {
	var c groupChanges
	c.name = optStr(b, "name")
	c.icon = optStr(b, "icon")
	c.description = optStr(b, "description")
	c.users, c.hasUsers = uuidRefs(b, "users", s.st.users.Has)
	return c, len(b.Errs) == 0
}

func (s *Server) applyGroup(g *group, c groupChanges) {
	mockapi.SetIf(&g.name, c.name)
	mockapi.SetIf(&g.icon, c.icon)
	mockapi.SetIf(&g.description, c.description)
	if c.hasUsers {
		// PATCH replaces the whole set; the relation is the same one User.user_groups shows.
		s.st.members.SetOf(g.id, c.users)
	}
}

func (s *Server) createGroup(w http.ResponseWriter, r *http.Request, _ string) {
	c, ok := mockapi.ReadValid(w, r, s.validateGroup)
	if !ok {
		return
	}
	now := s.clock()
	g := &group{id: mockapi.NewUUID(), icon: defaultIcon, createdAt: now, updatedAt: now}
	s.st.groups.Put(g.id, g)
	s.applyGroup(g, c)
	mockapi.WriteJSON(w, http.StatusCreated, s.st.renderGroup(g))
}

func (s *Server) retrieveGroup(w http.ResponseWriter, _ *http.Request, id string) {
	if g := byID(w, s.st.groups, id); g != nil {
		mockapi.WriteJSON(w, http.StatusOK, s.st.renderGroup(g))
	}
}

func (s *Server) updateGroup(w http.ResponseWriter, r *http.Request, id string) {
	g := byID(w, s.st.groups, id)
	if g == nil {
		return
	}
	c, ok := mockapi.ReadValid(w, r, s.validateGroup)
	if !ok {
		return
	}
	s.applyGroup(g, c)
	g.updatedAt = s.clock()
	mockapi.WriteJSON(w, http.StatusOK, s.st.renderGroup(g))
}

func (s *Server) destroyGroup(w http.ResponseWriter, _ *http.Request, id string) {
	if g := byID(w, s.st.groups, id); g != nil {
		s.st.deleteGroup(g.id)
		mockapi.WriteNoContent(w)
	}
}

// listGroups lists every group in creation order. Secoda documents no filters for this endpoint.
func (s *Server) listGroups(w http.ResponseWriter, r *http.Request, _ string) {
	writePage(w, r, s.st.groups.InOrder(), s.st.renderGroup)
}
