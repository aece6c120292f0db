package secoda

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Teams are served read-only: guests need a team id, and tests find the default team here. Creating
// teams (POST /auth/teams/) is outside what the provider manages.

func (s *Server) listTeams(w http.ResponseWriter, r *http.Request, _ string) {
	writePage(w, r, s.st.teams.InOrder(), renderTeam)
}

func (s *Server) retrieveTeam(w http.ResponseWriter, _ *http.Request, id string) {
	if t := byID(w, s.st.teams, id); t != nil {
		mockapi.WriteJSON(w, http.StatusOK, renderTeam(t))
	}
}
