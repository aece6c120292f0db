package unleash

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"sort"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// hookRoutes are the mock-only routes for drift tests. They need no token and skip the API's validation, but
// refuse references to objects that do not exist.
//
//	DELETE /__mock/unleash/users/{id}     delete (memberships go too)
//	PATCH  /__mock/unleash/users/{id}     overwrite: name, email, username (strings), rootRole (id)
//	DELETE /__mock/unleash/groups/{id}
//	PATCH  /__mock/unleash/groups/{id}    overwrite: name, description, mappingsSSO, rootRole (id or null), users (ids)
//	PUT    /__mock/unleash/projects/{id}  create a project (the API's project routes are not served)
//	DELETE /__mock/unleash/tokens/{id}    {id}: the secret, the roster id (see TokenID) or a unique tokenName
//	GET    /__mock/unleash/state          counts and natural keys of everything, sorted
func (s *Server) registerHooks() {
	s.Hook("DELETE users/{id}", mockapi.HookDelete(s.hookUser, func(u *user) { s.st.deleteUser(u.id) }))
	s.Hook("PATCH users/{id}", s.hookPatchUser)
	s.Hook("DELETE groups/{id}", mockapi.HookDelete(s.hookGroup, func(g *group) { s.st.groups.Delete(g.id) }))
	s.Hook("PATCH groups/{id}", s.hookPatchGroup)
	s.Hook("PUT projects/{id}", s.hookPutProject)
	s.Hook("DELETE tokens/{id}", s.hookDeleteToken)
	s.Hook("GET state", s.hookState)
}

// TokenID is the id the roster provider gives a v1 token: the first 24 hex digits of the SHA-256 of its
// secret, so that the secret never appears in a plan or an id. Hooks accept it so a drift test can use the
// id from Terraform state.
func TokenID(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])[:24]
}

func (s *Server) hookUser(w http.ResponseWriter, r *http.Request) *user {
	return mockapi.HookFind(w, r, "id", "user", func(raw string) *user { return s.st.users.Get(atoi(raw)) })
}

func (s *Server) hookGroup(w http.ResponseWriter, r *http.Request) *group {
	return mockapi.HookFind(w, r, "id", "group", func(raw string) *group { return s.st.groups.Get(atoi(raw)) })
}

// atoi is the id a hook path names; 0, which no row has, when it is not a number.
func atoi(raw string) int {
	id, _ := strconv.Atoi(raw)
	return id
}

func (s *Server) hookDeleteToken(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("id")
	var matches []int
	for i, t := range s.st.tokens {
		if t.secret == key || TokenID(t.secret) == key || t.tokenName == key {
			matches = append(matches, i)
		}
	}
	switch len(matches) {
	case 0:
		mockapi.WriteHookError(w, http.StatusNotFound, "no token "+key)
	case 1:
		i := matches[0]
		s.st.tokens = append(s.st.tokens[:i], s.st.tokens[i+1:]...)
		mockapi.WriteNoContent(w)
	default:
		mockapi.WriteHookError(w, http.StatusConflict, "several tokens match "+key+"; use the secret or the id")
	}
}

type stateJSON struct {
	Users struct {
		Count     int      `json:"count"`
		Emails    []string `json:"emails"`
		Usernames []string `json:"usernames"`
	} `json:"users"`
	Groups struct {
		Count int      `json:"count"`
		Names []string `json:"names"`
	} `json:"groups"`
	Tokens struct {
		Count int      `json:"count"`
		Names []string `json:"names"`
	} `json:"tokens"`
	Memberships int     `json:"memberships"`
	Edition     Edition `json:"edition"`
}

func (s *Server) hookState(w http.ResponseWriter, _ *http.Request) {
	var out stateJSON
	users, groups := s.st.users.Rows(), s.st.groups.Rows()
	out.Edition = s.edition
	out.Users.Count, out.Groups.Count, out.Tokens.Count = len(users), len(groups), len(s.st.tokens)
	// Unset emails and usernames are "", which sort first and are left out.
	set := func(names []string) []string { return slices.DeleteFunc(names, func(n string) bool { return n == "" }) }
	out.Users.Emails = set(mockapi.SortedNames(users, func(u *user) string { return u.email }))
	out.Users.Usernames = set(mockapi.SortedNames(users, func(u *user) string { return u.username }))
	out.Groups.Names = mockapi.SortedNames(groups, func(g *group) string { return g.name })
	out.Tokens.Names = mockapi.Each(s.st.tokens, func(t *apiToken) string { return t.tokenName })
	sort.Strings(out.Tokens.Names)
	for _, g := range groups {
		out.Memberships += len(g.members)
	}
	mockapi.WriteJSON(w, http.StatusOK, out)
}
