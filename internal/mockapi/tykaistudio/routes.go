package tykaistudio

import (
	"net/http"
	"strings"
)

const apiPrefix = "/api/v1"

// apiHandler serves one method of one endpoint for an authenticated admin, with the lock held.
type apiHandler func(w http.ResponseWriter, r *http.Request)

// methods maps an HTTP method to its handler on one path.
type methods map[string]apiHandler

func (s *Server) apiRoutes() http.Handler {
	mux := http.NewServeMux()
	handle := func(path string, m methods) { mux.Handle(apiPrefix+path, s.endpoint(m)) }

	handle("/users", methods{"GET": s.listUsers, "POST": s.createUser})
	handle("/users/{id}", methods{"GET": s.getUser, "PATCH": s.patchUser, "DELETE": s.deleteUser})
	handle("/users/{id}/roll-api-key", methods{"POST": s.rollAPIKey})
	handle("/users/{id}/groups", methods{"GET": s.userGroups})

	for _, k := range catalogueKinds {
		handle("/"+string(k)+"/{id}", methods{"GET": s.getCatalogue(k)})
	}

	handle("/groups", methods{"GET": s.listGroups, "POST": s.enterprise(s.createGroup)})
	handle("/groups/{id}", methods{"GET": s.getGroup, "PATCH": s.enterprise(s.patchGroup), "DELETE": s.enterprise(s.deleteGroup)})
	handle("/groups/{id}/users", methods{
		"GET": s.enterprise(s.listGroupUsers), "POST": s.enterprise(s.addGroupUser()), "PUT": s.enterprise(s.replaceGroupUsers),
	})
	handle("/groups/{id}/users/{userId}", methods{"DELETE": s.enterprise(s.removeGroupUser())})
	handle("/groups/{id}/catalogues", methods{
		"GET": s.enterprise(s.listGroupCatalogues(kindCatalogues)), "POST": s.enterprise(s.addGroupCatalogue(kindCatalogues)),
		"PUT": s.enterprise(s.replaceGroupCatalogues),
	})
	handle("/groups/{id}/catalogues/{catalogueId}", methods{"DELETE": s.enterprise(s.removeGroupCatalogue(kindCatalogues))})
	for _, k := range []catalogueKind{kindDataCatalogues, kindToolCatalogues} {
		handle("/groups/{id}/"+string(k), methods{
			"GET": s.enterprise(s.listGroupCatalogues(k)), "POST": s.enterprise(s.addGroupCatalogue(k)),
		})
		handle("/groups/{id}/"+string(k)+"/{catalogueId}", methods{"DELETE": s.enterprise(s.removeGroupCatalogue(k))})
	}

	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// gin's RedirectTrailingSlash: a known route with a slash appended answers 301 to the route.
		if trimmed := strings.TrimRight(r.URL.Path, "/"); trimmed != r.URL.Path && trimmed != "" {
			probe := r.Clone(r.Context())
			probe.URL.Path = trimmed
			if _, pattern := mux.Handler(probe); pattern != "/" {
				http.Redirect(w, r, trimmed, http.StatusMovedPermanently)
				return
			}
		}
		writeSPA(w)
	})
	return mux
}

// endpoint authenticates, then dispatches by method. A method the route does not have falls through
// to the UI, like any unknown route (gin does not answer 405 unless told to).
func (s *Server) endpoint(m methods) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, ok := m[r.Method]
		if !ok {
			writeSPA(w)
			return
		}
		defer s.Lock(r.Method)()
		if status := s.authenticate(r); status != 0 {
			writeAuthError(w, status)
			return
		}
		h(w, r)
	})
}

// enterprise guards a group route that the Community build stubs out with 402.
func (s *Server) enterprise(h apiHandler) apiHandler {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.edition == Community {
			writeError(w, http.StatusPaymentRequired, msgEnterpriseRequired)
			return
		}
		h(w, r)
	}
}

// spaIndex stands in for the admin UI's index.html, which the server sends for every unknown path.
const spaIndex = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tyk AI Studio</title></head>` +
	`<body><div id="root"></div><script src="/static/js/main.js"></script></body></html>`

func writeSPA(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(spaIndex))
}
