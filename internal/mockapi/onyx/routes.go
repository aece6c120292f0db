package onyx

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const apiPrefix = "/api"

// access is who may call a route.
type access int

const (
	// public routes need no key.
	public access = iota
	// anyUser routes need a valid key whose user is not "limited".
	anyUser
	// adminOnly routes need an admin (v4.6: role admin; current: a member of the Admin group).
	adminOnly
	// curatorRoute is adminOnly with v4.6's curator wording in the refusal (the mock has no scoped
	// curators: only admins pass).
	curatorRoute
)

// route is one method of one endpoint.
type route struct {
	access access
	serve  http.HandlerFunc
}

// methods maps an HTTP method to its route on one path.
type methods map[string]route

func (s *Server) apiRoutes() http.Handler {
	mux := http.NewServeMux()
	handle := func(path string, m methods) { mux.Handle(apiPrefix+path, s.endpoint(m)) }

	handle("/version", methods{"GET": {public, s.getVersion}})
	handle("/me", methods{"GET": {anyUser, s.getMe}})

	const groups = "/manage/admin/user-group"
	handle(groups, methods{"GET": {curatorRoute, s.listGroups}, "POST": {adminOnly, s.createGroup}})
	handle(groups+"/rename", methods{"PATCH": {adminOnly, s.renameGroup}})
	handle(groups+"/{id}", methods{"PATCH": {curatorRoute, s.patchGroup}, "DELETE": {adminOnly, s.deleteGroup}})
	handle(groups+"/{id}/add-users", methods{"POST": {curatorRoute, s.addUsers}})
	handle(groups+"/{id}/permissions", methods{"GET": {adminOnly, s.getPermissions}, "PUT": {adminOnly, s.putPermissions}})
	handle(groups+"/{id}/incognito", methods{"PATCH": {adminOnly, s.patchIncognito}})
	if s.current() {
		handle(groups+"/{id}/manager", methods{"PUT": {adminOnly, s.setManager}})
	} else {
		handle(groups+"/{id}/set-curator", methods{"POST": {curatorRoute, s.setCurator}})
	}

	handle("/manage/users", methods{"GET": {adminOnly, s.listAllUsers}})
	handle("/manage/users/accepted", methods{"GET": {adminOnly, s.listAccepted}})
	handle("/manage/users/invited", methods{"GET": {adminOnly, s.listInvited}})
	handle("/users", methods{"GET": {anyUser, s.listBasicUsers}})
	handle("/manage/admin/users", methods{"PUT": {adminOnly, s.inviteUsers}})
	handle("/manage/admin/remove-invited-user", methods{"PATCH": {adminOnly, s.uninviteUser}})
	handle("/manage/admin/deactivate-user", methods{"PATCH": {adminOnly, s.deactivateUser}})
	handle("/manage/admin/activate-user", methods{"PATCH": {adminOnly, s.activateUser}})
	handle("/manage/admin/delete-user", methods{"DELETE": {adminOnly, s.deleteUser}})
	if s.current() {
		handle("/manage/admin/users/admin-access", methods{"PATCH": {adminOnly, s.setAdminAccess}})
	} else {
		handle("/manage/set-user-role", methods{"PATCH": {adminOnly, s.setUserRole}})
	}

	handle("/admin/api-key", methods{"GET": {adminOnly, s.listKeys}, "POST": {adminOnly, s.createKey}})
	handle("/admin/api-key/{id}", methods{"PATCH": {adminOnly, s.updateKey}, "DELETE": {adminOnly, s.deleteKey}})
	handle("/admin/api-key/{id}/regenerate", methods{"POST": {adminOnly, s.regenerateKey}})

	// Unknown routes, and the user-group routes of the other generation, are FastAPI's 404.
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { writeDetail(w, http.StatusNotFound, msgNotFound) })
	return mux
}

// endpoint dispatches by method (FastAPI answers 405 when the path exists with other methods),
// applies the due syncs, authenticates and authorises, then runs the handler with the lock held.
func (s *Server) endpoint(m methods) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt, ok := m[r.Method]
		if !ok {
			writeDetail(w, http.StatusMethodNotAllowed, msgMethodNotAllowed)
			return
		}
		mockapi.ServeBuffered(w, func(w http.ResponseWriter) {
			defer s.Lock(r.Method)()
			if !s.authorize(w, r, rt.access) {
				return
			}
			rt.serve(w, r)
		})
	})
}

// pathID parses the integer {id} path parameter; on failure it has answered 422, as FastAPI does.
func pathID(w http.ResponseWriter, r *http.Request) (int, bool) {
	n, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		writeValidation(w, "[{'type': 'int_parsing', 'loc': ('path', 'id'), 'msg': 'Input should be a valid integer, unable to parse string as an integer'}]")
		return 0, false
	}
	return n, true
}

// pathBody reads the {id} path parameter, then the JSON body; it has answered when ok is false.
func pathBody(w http.ResponseWriter, r *http.Request) (int, *bodyReader, bool) {
	id, ok := pathID(w, r)
	if !ok {
		return 0, nil, false
	}
	b, ok := readBody(w, r)
	return id, b, ok
}

// queryBool parses an optional boolean query parameter; on failure it has answered 422.
func queryBool(w http.ResponseWriter, r *http.Request, name string) (bool, bool) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return false, true
	}
	v, ok := parseBool(raw)
	if !ok {
		writeValidation(w, "[{'type': 'bool_parsing', 'loc': ('query', '"+name+"'), 'msg': 'Input should be a valid boolean, unable to interpret input'}]")
	}
	return v, ok
}

// queryInt parses an optional integer query parameter within [lowest, highest]; present is false
// when it was not given. On failure it has answered 422.
func queryInt(w http.ResponseWriter, r *http.Request, name string, lowest, highest int) (value int, present, ok bool) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return 0, false, true
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lowest || n > highest {
		writeValidation(w, "[{'type': 'int_parsing', 'loc': ('query', '"+name+"'), 'msg': 'Input should be a valid integer in range'}]")
		return 0, false, false
	}
	return n, true, true
}

func (s *Server) getVersion(w http.ResponseWriter, _ *http.Request) {
	version := BackendVersionV46
	if s.current() {
		version = BackendVersionCurrent
	}
	writeJSON(w, map[string]string{"backend_version": version})
}

func (s *Server) getMe(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, s.renderUserInfo(s.caller(r), nil))
}
