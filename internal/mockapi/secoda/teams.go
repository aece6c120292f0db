package secoda

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Teams are served read-only: guests need a team id, and tests find the default team here. Creating
// teams (POST /auth/teams/) is outside what the provider manages.

func (s *Server) listTeams(w http.ResponseWriter, r *http.Request, _ string) {
	writePage(w, r, s.st.sortedTeams(), func(t *team) any { return renderTeam(t) })
}

func (s *Server) retrieveTeam(w http.ResponseWriter, _ *http.Request, id string) {
	if canonical, ok := canonicalUUID(id); ok {
		if t := s.st.teams[canonical]; t != nil {
			mockapi.WriteJSON(w, http.StatusOK, renderTeam(t))
			return
		}
	}
	writeDetail(w, http.StatusNotFound, msgNotFound)
}
