package authentik

import (
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// methods is one endpoint; each handler runs for the authenticated caller, under the lock.
type methods = mockapi.Methods[*user]

const apiPrefix = "/api/v3"

func (s *Server) apiRoutes() http.Handler {
	mux := http.NewServeMux()
	handle := func(path string, m methods) { mux.Handle(apiPrefix+path, s.dispatch(m, true)) }

	groups := s.groups()
	handle("/core/groups/{$}", methods{"GET": s.listGroups, "POST": groups.Create})
	handle("/core/groups/{group_uuid}/{$}", methods{
		"GET": groups.Retrieve, "PUT": groups.Update(mockapi.ModeUpdate), "PATCH": groups.Update(mockapi.ModePatch), "DELETE": groups.Destroy,
	})
	handle("/core/groups/{group_uuid}/add_user/{$}", methods{"POST": s.addUserToGroup})
	handle("/core/groups/{group_uuid}/remove_user/{$}", methods{"POST": s.removeUserFromGroup})

	users := s.users()
	handle("/core/users/{$}", methods{"GET": s.listUsers, "POST": users.Create})
	handle("/core/users/service_account/{$}", methods{"POST": s.createServiceAccount})
	handle("/core/users/me/{$}", methods{"GET": s.me})
	handle("/core/users/{id}/{$}", methods{
		"GET": users.Retrieve, "PUT": users.Update(mockapi.ModeUpdate), "PATCH": users.Update(mockapi.ModePatch), "DELETE": users.Destroy,
	})
	handle("/core/users/{id}/set_password/{$}", methods{"POST": s.setPassword})

	tokens := s.tokens()
	handle("/core/tokens/{$}", methods{"GET": s.listTokens, "POST": tokens.Create})
	handle("/core/tokens/{identifier}/{$}", methods{
		"GET": tokens.Retrieve, "PUT": tokens.Update(mockapi.ModeUpdate), "PATCH": tokens.Update(mockapi.ModePatch), "DELETE": tokens.Destroy,
	})
	handle("/core/tokens/{identifier}/view_key/{$}", methods{"GET": s.viewKey})
	handle("/core/tokens/{identifier}/set_key/{$}", methods{"POST": s.setKey})

	mux.Handle(apiPrefix+"/root/config/{$}", s.dispatch(methods{"GET": s.rootConfig}, false))

	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mockapi.WriteDetail(w, http.StatusNotFound, mockapi.MsgNotFound)
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

// dispatch authenticates, then dispatches by method, in DRF's order: an anonymous caller gets 403
// even for a method the endpoint does not have. A public endpoint (requireAuth false) allows
// anonymous callers, but a bad token is still rejected, as in authentik.
func (s *Server) dispatch(m methods, requireAuth bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The body is read and the answer rendered outside the lock, so a slow client can only
		// slow down itself.
		if err := mockapi.BufferBody(r); err != nil {
			mockapi.WriteDetail(w, http.StatusBadRequest, "JSON parse error - "+err.Error())
			return
		}
		mockapi.ServeBuffered(w, func(w http.ResponseWriter) {
			defer s.Lock(r.Method)()
			caller, failure := s.authenticate(r)
			if failure != "" && (requireAuth || failure != mockapi.MsgNoCredentials) {
				mockapi.WriteDetail(w, http.StatusForbidden, failure)
				return
			}
			h, ok := m.For(r)
			if !ok {
				mockapi.WriteMethodNotAllowed(w, r.Method)
				return
			}
			h(w, r, caller)
		})
	})
}
