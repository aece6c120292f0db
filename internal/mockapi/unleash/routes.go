package unleash

import (
	"mime"
	"net/http"
	"regexp"
	"strings"
)

// apiHandler serves one route for an authenticated caller, with the lock held. body is the decoded JSON body of a
// POST or PUT (nil for other methods).
type apiHandler func(w http.ResponseWriter, r *http.Request, body map[string]any)

// route is one registered method+pattern and whether it takes a JSON body.
type route struct {
	pattern   string
	takesBody bool
	handler   apiHandler
}

var bearerPrefix = regexp.MustCompile(`(?i)^bearer\s+`)

// apiRoutes builds the API in Unleash's middleware order: authentication, the rate limit, route matching
// (unknown routes are a 404, even for a known path with another method), the content-type check, body
// parsing, then the handler.
func (s *Server) apiRoutes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.endpoint(rt))
	}
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"health": "GOOD"})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { routeNotFound(w, r.URL.Path) })

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			if !s.authenticate(w, r) {
				return
			}
			if s.isRateLimited(r) && !s.limiter.allow(w, s.Now()) {
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
}

func (s *Server) routes() []route {
	rts := []route{
		{"GET /api/admin/user-admin", false, s.listUsers},
		{"POST /api/admin/user-admin", true, s.createUser},
		{"GET /api/admin/user-admin/search", false, s.searchUsers},
		{"GET /api/admin/user-admin/{id}", false, s.getUser},
		{"PUT /api/admin/user-admin/{id}", true, s.updateUser},
		{"DELETE /api/admin/user-admin/{id}", false, s.deleteUser},
		{"POST /api/admin/user-admin/{id}/change-password", true, s.changePassword},

		{"GET /api/admin/api-tokens", false, s.listTokens},
		{"POST /api/admin/api-tokens", true, s.createToken},
		{"GET /api/admin/api-tokens/{name}", false, s.tokensByName},
		{"PUT /api/admin/api-tokens/{token}", true, s.updateToken},
		{"DELETE /api/admin/api-tokens/{token}", false, s.deleteToken},

		{"GET /api/admin/ui-config", false, s.uiConfig},
		{"GET /api/admin/user", false, s.me},
	}
	if s.edition == EditionEnterprise {
		// Groups and service accounts: on the open-source edition these patterns are simply not registered, so the
		// catch-all answers.
		rts = append(rts,
			route{"GET /api/admin/groups", false, s.listGroups},
			route{"POST /api/admin/groups", true, s.createGroup},
			route{"GET /api/admin/groups/{id}", false, s.getGroup},
			route{"PUT /api/admin/groups/{id}", true, s.updateGroup},
			route{"DELETE /api/admin/groups/{id}", false, s.deleteGroup},
			route{"GET /api/admin/projects/{project}/access", false, s.projectAccess},
			route{"PUT /api/admin/projects/{project}/groups/{id}/roles", true, s.setGroupProjectRoles},
			route{"DELETE /api/admin/projects/{project}/groups/{id}/roles", false, s.removeGroupProjectAccess},

			route{"GET /api/admin/service-account", false, s.listServiceAccounts},
			route{"POST /api/admin/service-account", true, s.createServiceAccount},
			route{"PUT /api/admin/service-account/{id}", true, s.updateServiceAccount},
			route{"DELETE /api/admin/service-account/{id}", false, s.deleteServiceAccount},
			route{"GET /api/admin/service-account/{id}/token", false, s.listServiceAccountTokens},
			route{"POST /api/admin/service-account/{id}/token", true, s.createServiceAccountToken},
			route{"DELETE /api/admin/service-account/{id}/token/{tokenId}", false, s.deleteServiceAccountToken},
		)
	}
	return rts
}

// authenticate accepts the admin token, raw or after "Bearer " (any case), as Unleash does on /api/*.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) bool {
	header := r.Header.Get("Authorization")
	if header == "" {
		authenticationRequired(w)
		return false
	}
	if bearerPrefix.ReplaceAllString(header, "") != s.AdminToken() {
		unauthorized(w)
		return false
	}
	return true
}

// isRateLimited matches the createUserMaxPerMinute rule: POST to /api/admin/user-admin or below it.
func (s *Server) isRateLimited(r *http.Request) bool {
	const prefix = "/api/admin/user-admin"
	return s.limiter != nil && r.Method == http.MethodPost &&
		(r.URL.Path == prefix || strings.HasPrefix(r.URL.Path, prefix+"/"))
}

func (s *Server) endpoint(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		if rt.takesBody {
			if ct := r.Header.Get("Content-Type"); !isJSON(ct) {
				contentTypeError(w, mediaType(ct))
				return
			}
			var ok bool
			if body, ok = readBody(w, r); !ok {
				return
			}
		}
		defer s.Lock(r.Method)()
		rt.handler(w, r, body)
	})
}

func isJSON(contentType string) bool { return mediaType(contentType) == "application/json" }

func mediaType(contentType string) string {
	if contentType == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return contentType
	}
	return mt
}
