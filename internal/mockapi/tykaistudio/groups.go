package tykaistudio

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// checkGroupWrite validates a group create or update: a name that is present and unique among live
// groups (case-sensitively). Unknown member ids are not an error: they become phantom users; unknown
// catalogue ids become empty catalogues.
func (s *Server) checkGroupWrite(w http.ResponseWriter, f groupFields, except uint32) bool {
	switch {
	case f.Name == "":
		writeError(w, http.StatusBadRequest, msgGroupNameRequired)
		return false
	case s.st.groupNameTaken(f.Name, except):
		writeError(w, http.StatusBadRequest, msgGroupNameExists)
		return false
	}
	return true
}

// applyGroupLists replaces all four lists; an omitted list is empty (PATCH is full replacement).
// Observed for PATCH; the POST runs the same association code, so it is assumed to behave alike.
func (s *Server) applyGroupLists(g *group, f groupFields) {
	s.st.phantomize(f.Members, s.Now())
	s.st.members.SetOf(g.id, f.Members)
	s.linkCatalogues(g, f)
}

func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	f, ok := readGroupFields(w, r)
	if !ok || !s.checkGroupWrite(w, f, 0) {
		return
	}
	g := newGroup(uint32(s.st.groupIDs.Next()), f.Name)
	s.applyGroupLists(g, f)
	s.st.groups.Put(g.id, g)
	mockapi.WriteJSON(w, http.StatusCreated, map[string]any{"data": s.renderGroupStubs(g)})
}

// getGroup never includes users on Enterprise. The Community stub serves only the Default group,
// with its users.
func (s *Server) getGroup(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidGroupID)
	if !ok {
		return
	}
	g := s.st.liveGroup(id)
	if g == nil || (s.edition == Community && g.name != DefaultGroupName) {
		writeError(w, http.StatusNotFound, msgGroupNotFound)
		return
	}
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": s.renderGroup(g, s.edition == Community)})
}

func (s *Server) patchGroup(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidGroupID)
	if !ok {
		return
	}
	f, ok := readGroupFields(w, r)
	if !ok {
		return
	}
	g := s.st.liveGroup(id)
	if g == nil {
		writeRecordNotFound(w)
		return
	}
	if !s.checkGroupWrite(w, f, g.id) {
		return
	}
	g.name = f.Name
	s.applyGroupLists(g, f)
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": s.renderGroupStubs(g)})
}

// deleteGroup refuses the Default group (recognised by name), answers 404 for a missing or
// already-deleted group, and otherwise clears every association before the soft delete.
func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidGroupID)
	if !ok {
		return
	}
	g := s.st.liveGroup(id)
	switch {
	case g == nil:
		writeError(w, http.StatusNotFound, msgGroupNotFound)
	case g.name == DefaultGroupName:
		writeError(w, http.StatusBadRequest, msgDefaultUndeletable)
	default:
		s.softDeleteGroup(g)
		mockapi.WriteNoContent(w)
	}
}

// softDeleteGroup clears every association, then marks the row deleted.
func (s *Server) softDeleteGroup(g *group) {
	s.applyGroupLists(g, groupFields{})
	now := s.Now()
	g.deletedAt = &now
}

// listGroups serves page/page_size/all/sort/search on Enterprise. The Community stub lists only the
// Default group, with its totals in a body `meta` instead of the headers.
func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) {
	if s.edition == Community {
		items := []resourceJSON{}
		if def := s.st.defaultGroup(); def != nil {
			items = append(items, s.renderGroupListItem(def))
		}
		mockapi.WriteJSON(w, http.StatusOK, map[string]any{
			"data": items,
			"meta": map[string]int{"total_count": len(items), "page_size": len(items), "page_number": 1, "total_pages": 1},
		})
		return
	}
	search := r.URL.Query().Get("search")
	groups := s.st.groups.Select(func(g *group) bool { return g.live() && (search == "" || likeFold(g.name, search)) })
	if !sortBy(w, r, groups, groupColumns) {
		return
	}
	writePage(w, readPageParams(r), groups, s.renderGroupListItem)
}
