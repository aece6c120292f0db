package authentik

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// rootConfig is GET /root/config/, which authentik serves to anonymous callers too. Clients call
// it at start-up (the official provider decides on Sentry from it), so error reporting is off.
func (s *Server) rootConfig(w http.ResponseWriter, _ *http.Request, _ *user) {
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{
		"error_reporting": map[string]any{
			"enabled": false, "sentry_dsn": "", "environment": "", "send_pii": false, "traces_sample_rate": 0,
		},
		"capabilities":           []string{},
		"cache_timeout":          300,
		"cache_timeout_flows":    300,
		"cache_timeout_policies": 300,
	})
}
