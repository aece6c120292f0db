package tykaistudio

import (
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// authenticate returns 0 for a live, verified admin's key, 401 for a missing or unusable key and 403
// for a non-admin's. The server checks the ?token= query parameter before the Authorization header
// (the session cookie comes first, but API clients never have one). The header must split on single
// spaces into exactly two parts; the first is never looked at, so "Bearer" and "Token" both work.
// Needs the lock held.
func (s *Server) authenticate(r *http.Request) int {
	key := r.URL.Query().Get("token")
	if key == "" {
		parts := strings.Split(r.Header.Get("Authorization"), " ")
		if len(parts) != 2 {
			return http.StatusUnauthorized
		}
		key = parts[1]
	}
	if key == "" {
		return http.StatusUnauthorized
	}
	u := s.st.users.Find(func(u *user) bool { return u.live() && u.apiKey == key })
	switch {
	case u == nil, !u.emailVerified:
		return http.StatusUnauthorized
	case !u.isAdmin:
		return http.StatusForbidden
	}
	return 0
}

// writeAuthError answers in the middleware's own shape, which is not the handlers' errors[] one.
func writeAuthError(w http.ResponseWriter, status int) {
	msg := "Unauthorized"
	if status == http.StatusForbidden {
		msg = "Forbidden"
	}
	mockapi.WriteJSON(w, status, map[string]string{"error": msg})
}
