package tykaistudio

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Group membership sub-routes (Enterprise only; the routes wrap them in s.enterprise).

// listGroupUsers pages through full user objects, api_key included. A missing group is an empty
// list, not an error (inferred from the handler, which only filters the join).
func (s *Server) listGroupUsers(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidGroupID)
	if !ok {
		return
	}
	var members []*user
	if g := s.st.liveGroup(id); g != nil {
		members = s.st.liveMembers(g)
	}
	p := readPageParams(r)
	start, end := p.window(len(members))
	items := make([]resourceJSON, 0, end-start)
	for _, u := range members[start:end] {
		items = append(items, renderUser(u))
	}
	writeList(w, p, len(members), items)
}

// addGroupUser is idempotent; unlike the list writes it looks the user up first, so an unknown id
// is 500 "record not found" rather than a phantom.
func (s *Server) addGroupUser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidGroupID)
	if !ok {
		return
	}
	userID, ok := readRelationID(w, r, msgInvalidUserID)
	if !ok {
		return
	}
	g, u := s.st.liveGroup(id), s.st.liveUser(userID)
	if g == nil || u == nil {
		writeRecordNotFound(w)
		return
	}
	s.st.members.Add(g.id, u.id)
	mockapi.WriteNoContent(w)
}

// removeGroupUser is idempotent too (204 when the user was not a member).
func (s *Server) removeGroupUser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidGroupID)
	if !ok {
		return
	}
	userID, ok := pathID(w, r, "userId", msgInvalidUserID)
	if !ok {
		return
	}
	g, u := s.st.liveGroup(id), s.st.liveUser(userID)
	if g == nil || u == nil {
		writeRecordNotFound(w)
		return
	}
	s.st.members.Remove(g.id, u.id)
	mockapi.WriteNoContent(w)
}

// replaceGroupUsers is PUT /groups/{id}/users: the members become exactly the list ([] clears), and
// unknown ids become phantom users.
func (s *Server) replaceGroupUsers(w http.ResponseWriter, r *http.Request) {
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
		writeError(w, http.StatusInternalServerError, msgUpdateGroupUsers+msgRecordNotFound)
		return
	}
	s.st.phantomize(f.Members, s.Now())
	s.st.members.SetOf(g.id, f.Members)
	mockapi.WriteJSON(w, http.StatusOK, map[string]string{"status": "success"})
}
