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
	writePage(w, readPageParams(r), members, renderUser)
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
