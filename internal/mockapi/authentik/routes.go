package authentik

import (
	"net/http"
	"strings"
)

// apiHandler serves one method of one endpoint for an authenticated caller, with s.mu held.
type apiHandler func(w http.ResponseWriter, r *http.Request, caller *user)

// methods maps an HTTP method to its handler on one path.
type methods map[string]apiHandler

const apiPrefix = "/api/v3"

func (s *Server) apiRoutes() http.Handler {
	mux := http.NewServeMux()
	handle := func(path string, m methods) { mux.Handle(apiPrefix+path, s.endpoint(m)) }

	handle("/core/groups/{$}", methods{"GET": s.listGroups, "POST": s.createGroup})
	handle("/core/groups/{group_uuid}/{$}", methods{
		"GET": s.retrieveGroup, "PUT": s.updateGroup, "PATCH": s.partialUpdateGroup, "DELETE": s.destroyGroup,
	})
	handle("/core/groups/{group_uuid}/add_user/{$}", methods{"POST": s.addUserToGroup})
	handle("/core/groups/{group_uuid}/remove_user/{$}", methods{"POST": s.removeUserFromGroup})

	handle("/core/users/{$}", methods{"GET": s.listUsers, "POST": s.createUser})
	handle("/core/users/service_account/{$}", methods{"POST": s.createServiceAccount})
	handle("/core/users/me/{$}", methods{"GET": s.me})
	handle("/core/users/{id}/{$}", methods{
		"GET": s.retrieveUser, "PUT": s.updateUser, "PATCH": s.partialUpdateUser, "DELETE": s.destroyUser,
	})
	handle("/core/users/{id}/set_password/{$}", methods{"POST": s.setPassword})

	handle("/core/tokens/{$}", methods{"GET": s.listTokens, "POST": s.createToken})
	handle("/core/tokens/{identifier}/{$}", methods{
		"GET": s.retrieveToken, "PUT": s.updateToken, "PATCH": s.partialUpdateToken, "DELETE": s.destroyToken,
	})
	handle("/core/tokens/{identifier}/view_key/{$}", methods{"GET": s.viewKey})
	handle("/core/tokens/{identifier}/set_key/{$}", methods{"POST": s.setKey})

	mux.Handle(apiPrefix+"/root/config/{$}", s.publicEndpoint(methods{"GET": s.rootConfig}))

	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeDetail(w, http.StatusNotFound, msgNotFound)
	})
	return appendSlash(mux)
}

// appendSlash answers a path that lacks only its trailing slash with a 301 to the slashed path,
// for every method, as Django's APPEND_SLASH does. (ServeMux would send 307 to non-GET requests,
// which re-sends the body and so would hide a client that forgets the slash.)
func appendSlash(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; !strings.HasSuffix(p, "/") {
			probe := r.Clone(r.Context())
			probe.URL.Path = p + "/"
			if _, pattern := mux.Handler(probe); pattern != "/" {
				target := p + "/"
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				w.Header().Set("Location", target)
				w.WriteHeader(http.StatusMovedPermanently)
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
}

// endpoint authenticates, then dispatches by method, in DRF's order: an anonymous caller gets 403
// even for a method the endpoint does not have.
func (s *Server) endpoint(m methods) http.Handler {
	return s.dispatch(m, true)
}

// publicEndpoint allows anonymous callers, but a bad token is still rejected, as in authentik.
func (s *Server) publicEndpoint(m methods) http.Handler {
	return s.dispatch(m, false)
}

func (s *Server) dispatch(m methods, requireAuth bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method := r.Method
		if method == http.MethodHead {
			method = http.MethodGet // DRF answers HEAD with the GET handler
		}
		// The body is read and the answer rendered outside the lock, so a slow client can only
		// slow down itself.
		if err := bufferBody(r); err != nil {
			writeDetail(w, http.StatusBadRequest, "JSON parse error - "+err.Error())
			return
		}
		out := newAnswer()
		s.serveLocked(out, r, method, m, requireAuth)
		out.sendTo(w)
	})
}

func (s *Server) serveLocked(w http.ResponseWriter, r *http.Request, method string, m methods, requireAuth bool) {
	if method == http.MethodGet {
		s.mu.RLock()
		defer s.mu.RUnlock()
	} else {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	caller, failure := s.authenticate(r)
	if failure != "" && (requireAuth || failure != msgNoCredentials) {
		writeDetail(w, http.StatusForbidden, failure)
		return
	}
	h, ok := m[method]
	if !ok {
		writeMethodNotAllowed(w, r.Method)
		return
	}
	h(w, r, caller)
}
