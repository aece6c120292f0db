package unleash

import "net/http"

// adminTokenUserID is the user id Unleash reports for requests made with an admin API token.
const adminTokenUserID = -42

// me is GET /api/admin/user. The mock authenticates with an admin API token only, which Unleash answers with
// a pseudo-user (its secret included, as the real server does) rather than a userSchema.
func (s *Server) me(w http.ResponseWriter, _ *http.Request, _ map[string]any) {
	writeJSON(w, http.StatusOK, map[string]any{
		"user": map[string]any{
			"username": "admin", "permissions": []string{"ADMIN"}, "environment": "*", "type": "admin",
			"secret": s.AdminToken(), "projects": []string{"*"}, "internalAdminTokenUserId": adminTokenUserID,
		},
		"permissions": []map[string]string{{"permission": "ADMIN"}},
		"feedback":    []any{},
		"splash":      map[string]any{},
	})
}
