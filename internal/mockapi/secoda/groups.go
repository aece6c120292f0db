package secoda

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// groupChanges is a validated group write; nil fields were not sent.
type groupChanges struct {
	name        *string
	icon        *string
	description *string
	users       []string
	hasUsers    bool
}

// validateGroup reads a group POST or PATCH body. Every field is optional in Secoda's schema, on create
// as on update; read-only fields (id, timestamps, workspace_id, snowflake_role) are ignored.
func (s *Server) validateGroup(b *body) (groupChanges, bool) {
	var c groupChanges
	if v, ok := b.str("name", true); ok {
		c.name = &v
	}
	if v, ok := b.str("icon", true); ok {
		c.icon = &v
	}
	if v, ok := b.str("description", true); ok {
		c.description = &v
	}
	c.users, c.hasUsers = b.uuidRefs("users", func(id string) bool { return s.st.users[id] != nil })
	return c, len(b.errs) == 0
}

func (s *Server) applyGroup(g *group, c groupChanges) {
	if c.name != nil {
		g.name = *c.name
	}
	if c.icon != nil {
		g.icon = *c.icon
	}
	if c.description != nil {
		g.description = *c.description
	}
	if c.hasUsers {
		// PATCH replaces the whole set; the relation is the same one User.user_groups shows.
		s.st.setGroupUsers(g.id, c.users)
	}
}

func (s *Server) createGroup(w http.ResponseWriter, r *http.Request, _ string) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	c, valid := s.validateGroup(b)
	if !valid {
		writeValidationErrors(w, b.errs)
		return
	}
	now := s.clock()
	g := &group{id: newUUID(), icon: defaultIcon, createdAt: now, updatedAt: now}
	s.st.addGroup(g)
	s.applyGroup(g, c)
	mockapi.WriteJSON(w, http.StatusCreated, s.st.renderGroup(g))
}

// groupByID finds the group of a path id; an id that is not a uuid is as unknown as a missing one
// (DRF's get_object_or_404 turns the lookup error into a 404).
func (s *Server) groupByID(w http.ResponseWriter, id string) *group {
	if canonical, ok := canonicalUUID(id); ok {
		if g := s.st.groups[canonical]; g != nil {
			return g
		}
	}
	writeDetail(w, http.StatusNotFound, msgNotFound)
	return nil
}

func (s *Server) retrieveGroup(w http.ResponseWriter, _ *http.Request, id string) {
	if g := s.groupByID(w, id); g != nil {
		mockapi.WriteJSON(w, http.StatusOK, s.st.renderGroup(g))
	}
}

func (s *Server) updateGroup(w http.ResponseWriter, r *http.Request, id string) {
	g := s.groupByID(w, id)
	if g == nil {
		return
	}
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	c, valid := s.validateGroup(b)
	if !valid {
		writeValidationErrors(w, b.errs)
		return
	}
	s.applyGroup(g, c)
	g.updatedAt = s.clock()
	mockapi.WriteJSON(w, http.StatusOK, s.st.renderGroup(g))
}

func (s *Server) destroyGroup(w http.ResponseWriter, _ *http.Request, id string) {
	if g := s.groupByID(w, id); g != nil {
		s.st.deleteGroup(g.id)
		mockapi.WriteNoContent(w)
	}
}

// listGroups lists every group in creation order. Secoda documents no filters for this endpoint.
func (s *Server) listGroups(w http.ResponseWriter, r *http.Request, _ string) {
	writePage(w, r, s.st.sortedGroups(), func(g *group) any { return s.st.renderGroup(g) })
}
