package authentik

import (
	"net/http"
	"strconv"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const hookPrefix = mockapi.HookPrefix + "authentik"

// hookRoutes are the mock-only routes for drift and expiry tests. They need no token and skip the
// API's validation (a hook may, on purpose, create a duplicate name), but they refuse references to
// objects that do not exist, since the real database could never hold those.
//
//	DELETE /__mock/authentik/groups/{uuid}              delete, with the API's cascades
//	DELETE /__mock/authentik/users/{id}
//	DELETE /__mock/authentik/tokens/{identifier}
//	PATCH  /__mock/authentik/groups/{uuid}              overwrite fields: name, is_superuser, attributes, parents, roles, users
//	PATCH  /__mock/authentik/users/{id}                 overwrite fields: username, name, email, is_active, path, type, attributes, groups, roles
//	POST   /__mock/authentik/tokens/{identifier}/rotate new key, returned as {"key": ...}
//	POST   /__mock/authentik/tokens/{identifier}/expire expires one second ago (an expiring=false token still works, as in authentik)
//	GET    /__mock/authentik/state                      counts and natural keys of everything
func (s *Server) hookRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("DELETE "+hookPrefix+"/groups/{uuid}", s.hookDeleteGroup)
	mux.HandleFunc("DELETE "+hookPrefix+"/users/{id}", s.hookDeleteUser)
	mux.HandleFunc("DELETE "+hookPrefix+"/tokens/{identifier}", s.hookDeleteToken)
	mux.HandleFunc("PATCH "+hookPrefix+"/groups/{uuid}", s.hookPatchGroup)
	mux.HandleFunc("PATCH "+hookPrefix+"/users/{id}", s.hookPatchUser)
	mux.HandleFunc("POST "+hookPrefix+"/tokens/{identifier}/rotate", s.hookRotateToken)
	mux.HandleFunc("POST "+hookPrefix+"/tokens/{identifier}/expire", s.hookExpireToken)
	mux.HandleFunc("GET "+hookPrefix+"/state", s.hookState)
	return mux
}

func (s *Server) hookGroup(w http.ResponseWriter, r *http.Request) *group {
	if uuid, ok := canonicalUUID(r.PathValue("uuid")); ok {
		if g := s.st.groups[uuid]; g != nil {
			return g
		}
	}
	mockapi.WriteHookError(w, http.StatusNotFound, "no group "+r.PathValue("uuid"))
	return nil
}

func (s *Server) hookUser(w http.ResponseWriter, r *http.Request) *user {
	if pk, err := strconv.Atoi(r.PathValue("id")); err == nil {
		if u := s.st.users[pk]; u != nil {
			return u
		}
	}
	mockapi.WriteHookError(w, http.StatusNotFound, "no user "+r.PathValue("id"))
	return nil
}

func (s *Server) hookToken(w http.ResponseWriter, r *http.Request) *token {
	if t := s.st.tokens[r.PathValue("identifier")]; t != nil {
		return t
	}
	mockapi.WriteHookError(w, http.StatusNotFound, "no token "+r.PathValue("identifier"))
	return nil
}

func (s *Server) hookDeleteGroup(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := s.hookGroup(w, r); g != nil {
		s.st.deleteGroup(g.uuid)
		mockapi.WriteNoContent(w)
	}
}

func (s *Server) hookDeleteUser(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.hookUser(w, r); u != nil {
		s.st.deleteUser(u.pk)
		mockapi.WriteNoContent(w)
	}
}

func (s *Server) hookDeleteToken(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.hookToken(w, r); t != nil {
		delete(s.st.tokens, t.identifier)
		mockapi.WriteNoContent(w)
	}
}

func (s *Server) hookRotateToken(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.hookToken(w, r); t != nil {
		t.key = newTokenKey()
		mockapi.WriteJSON(w, http.StatusOK, map[string]string{"key": t.key})
	}
}

func (s *Server) hookExpireToken(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.hookToken(w, r); t != nil {
		past := s.clock().Add(-time.Second)
		t.expires = &past
		mockapi.WriteJSON(w, http.StatusOK, map[string]any{"expires": formatTime(past), "expiring": t.expiring})
	}
}
