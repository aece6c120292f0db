package secoda

import (
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// apiPrefix is where Secoda serves its API. Requests without it are served too: older docs used bare
// paths, and the reference asks the mock to accept both.
const apiPrefix = "/api/v1"

// methods is one endpoint; each handler runs for an authenticated caller, under the lock, with the {id}
// path segment of a detail route ("" on a collection).
type methods = mockapi.Methods[string]

// apiRoutes matches paths by hand rather than with ServeMux patterns because every route is served
// with and without the /api/v1 prefix and with and without the trailing slash (Django's APPEND_SLASH
// behaviour that Secoda's docs allude to).
func (s *Server) apiRoutes() http.Handler {
	groups, users := s.groups(), s.users()
	collections := map[string]methods{
		"auth/group": {http.MethodGet: s.listGroups, http.MethodPost: groups.Create},
		"user":       {http.MethodGet: s.listUsers, http.MethodPost: users.Create},
		"auth/teams": {http.MethodGet: s.listTeams},
	}
	details := map[string]methods{
		"auth/group": {http.MethodGet: groups.Retrieve, http.MethodPatch: groups.Update(mockapi.ModePatch), http.MethodDelete: groups.Destroy},
		"user":       {http.MethodGet: users.Retrieve, http.MethodPatch: users.Update(mockapi.ModePatch), http.MethodDelete: users.Destroy},
		"auth/teams": {http.MethodGet: s.retrieveTeam},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := routePath(r.URL.Path)
		if path == "healthcheck" {
			// Whether the health check needs a key is undocumented; it answers anyone here.
			mockapi.WriteJSON(w, http.StatusOK, map[string]string{"status": "OK"})
			return
		}
		if m, ok := collections[path]; ok {
			s.dispatch(w, r, m, "")
			return
		}
		if cut := strings.LastIndex(path, "/"); cut > 0 {
			if m, ok := details[path[:cut]]; ok && path[cut+1:] != "" {
				s.dispatch(w, r, m, path[cut+1:])
				return
			}
		}
		writeRouteNotFound(w)
	})
}

// routePath strips the optional /api/v1 prefix and one optional trailing slash, leaving for example
// "auth/group/<id>".
func routePath(p string) string {
	if p == apiPrefix || strings.HasPrefix(p, apiPrefix+"/") {
		p = p[len(apiPrefix):]
	}
	p = strings.TrimPrefix(p, "/")
	return strings.TrimSuffix(p, "/")
}

// dispatch runs DRF's order of checks: authentication (401), the write throttle (429), then the
// method (405), then the view.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, m methods, id string) {
	defer s.Lock(r.Method)()
	if failure := s.authenticate(r.Header.Get("Authorization")); failure != "" {
		writeUnauthorized(w, failure)
		return
	}
	if isWrite(r.Method) {
		if ok, wait := s.limiter.admit(s.clock()); !ok {
			writeThrottled(w, wait)
			return
		}
	}
	h, ok := m.For(r)
	if !ok {
		mockapi.WriteMethodNotAllowed(w, r.Method)
		return
	}
	h(w, r, id)
}
