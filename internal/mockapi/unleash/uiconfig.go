package unleash

import "net/http"

// uiConfig answers the part of uiConfigSchema a client uses to learn the server's edition and version.
func (s *Server) uiConfig(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	environment := "Enterprise"
	if s.edition == EditionOpenSource {
		environment = "Open Source"
	}
	base := "http://" + r.Host
	writeJSON(w, http.StatusOK, map[string]any{
		"version":     "8.2.0",
		"environment": environment,
		"unleashUrl":  base,
		"baseUriPath": "",
		"versionInfo": map[string]any{
			"current":    map[string]any{"oss": "8.2.0"},
			"latest":     map[string]any{},
			"isLatest":   true,
			"instanceId": "00000000-0000-4000-8000-000000000000",
		},
		"emailEnabled":        false,
		"disablePasswordAuth": false,
		"flags":               map[string]any{},
	})
}
