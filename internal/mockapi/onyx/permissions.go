package onyx

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// A group's permission grants and its incognito flag, as backend/ee/onyx/server/user_group/api.py has them
// in both generations: GET and PUT …/{id}/permissions, PATCH …/{id}/incognito. The PUT is the one that
// changed: v4.6 toggles one permission ({permission, enabled}), the current generation replaces the
// toggleable set ({permissions: [...]}). Neither route is locked by a pending sync. The current generation
// refuses both on a default group (409); v4.6 has no such guard.

const (
	permBasic = "basic"
	permAdmin = "admin"
)

// permission is one value of the Permission enum: its member name (in some error messages) and its value.
type permission struct{ name, value string }

// permissionsV46 is v4.6.1's Permission enum, in its order.
var permissionsV46 = []permission{
	{"BASIC_ACCESS", permBasic}, {"READ_CONNECTORS", "read:connectors"}, {"READ_DOCUMENT_SETS", "read:document_sets"},
	{"READ_AGENTS", "read:agents"}, {"READ_USERS", "read:users"}, {"READ_SEARCH", "read:search"}, {"READ_CHAT", "read:chat"},
	{"WRITE_CHAT", "write:chat"}, {"READ_ADMIN", "read:admin"}, {"GENERATE_IMAGE", "generate:image"},
	{"USE_LLM_GATEWAY", "use:llm_gateway"}, {"ADD_AGENTS", "add:agents"}, {"MANAGE_AGENTS", "manage:agents"},
	{"MANAGE_DOCUMENT_SETS", "manage:document_sets"}, {"ADD_CONNECTORS", "add:connectors"},
	{"MANAGE_CONNECTORS", "manage:connectors"}, {"MANAGE_LLMS", "manage:llms"}, {"READ_AGENT_ANALYTICS", "read:agent_analytics"},
	{"MANAGE_ACTIONS", "manage:actions"}, {"READ_QUERY_HISTORY", "read:query_history"}, {"MANAGE_USER_GROUPS", "manage:user_groups"},
	{"CREATE_USER_API_KEYS", "create:user_api_keys"}, {"CREATE_SERVICE_ACCOUNT_API_KEYS", "create:service_account_api_keys"},
	{"CREATE_SLACK_DISCORD_BOTS", "create:slack_discord_bots"}, {"CRAFT_SANDBOX", "craft_sandbox"}, {"FULL_ADMIN_PANEL_ACCESS", permAdmin},
}

// permissionsCurrent is the current generation's Permission enum, in its order.
var permissionsCurrent = []permission{
	{"BASIC_ACCESS", permBasic}, {"READ_CONNECTORS", "read:connectors"}, {"READ_DOCUMENT_SETS", "read:document_sets"},
	{"READ_AGENTS", "read:agents"}, {"READ_USERS", "read:users"}, {"READ_USER_GROUPS", "read:user_groups"},
	{"READ_SEARCH", "read:search"}, {"READ_CHAT", "read:chat"}, {"WRITE_CHAT", "write:chat"}, {"READ_ADMIN", "read:admin"},
	{"GENERATE_IMAGE", "generate:image"}, {"USE_LLM_GATEWAY", "use:llm_gateway"}, {"ADD_AGENTS", "add:agents"},
	{"MANAGE_AGENTS", "manage:agents"}, {"MANAGE_DOCUMENT_SETS", "manage:document_sets"}, {"MANAGE_CONNECTORS", "manage:connectors"},
	{"MANAGE_LLMS", "manage:llms"}, {"READ_AGENT_ANALYTICS", "read:agent_analytics"}, {"MANAGE_ACTIONS", "manage:actions"},
	{"MANAGE_SKILLS", "manage:skills"}, {"READ_QUERY_HISTORY", "read:query_history"}, {"MANAGE_USER_GROUPS", "manage:user_groups"},
	{"CREATE_USER_API_KEYS", "create:user_api_keys"}, {"MANAGE_SERVICE_ACCOUNT_API_KEYS", "manage:service_account_api_keys"},
	{"MANAGE_BOTS", "manage:bots"}, {"CRAFT_SANDBOX", "craft_sandbox"}, {"FULL_ADMIN_PANEL_ACCESS", permAdmin},
}

// nonToggleable is NON_TOGGLEABLE_PERMISSIONS: basic, admin, craft_sandbox, the implied read tokens and API
// surface scopes, and on the current generation manage:skills.
func (s *Server) nonToggleable(value string) bool {
	switch {
	case value == permBasic, value == permAdmin, value == "craft_sandbox", value == "manage:skills":
		return true
	case strings.HasPrefix(value, "read:"):
		return value != "read:agent_analytics" && value != "read:query_history"
	}
	return slices.Contains([]string{"write:chat", "generate:image", "use:llm_gateway"}, value)
}

func (s *Server) permissionEnum() []permission {
	if s.current() {
		return permissionsCurrent
	}
	return permissionsV46
}

// permissionValue is pydantic's check of a Permission value.
func (s *Server) permissionValue(v json.RawMessage) (permission, bool) {
	value, ok := strictString(v)
	i := slices.IndexFunc(s.permissionEnum(), func(p permission) bool { return ok && p.value == value })
	if i < 0 {
		return permission{}, false
	}
	return s.permissionEnum()[i], true
}

// msgEnum is the text of pydantic's enum error, for the 422 message.
func (s *Server) msgEnum() string {
	values := mockapi.Each(s.permissionEnum(), func(p permission) string { return "'" + p.value + "'" })
	return "Input should be " + strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// grantList is a group's grants in enum order, those Onyx does not let this endpoint toggle left out unless all.
func (s *Server) grantList(g *group, all bool) []string {
	out := []string{}
	for _, p := range s.permissionEnum() {
		if g.grants[p.value] && (all || !s.nonToggleable(p.value)) {
			out = append(out, p.value)
		}
	}
	return out
}

// writePermissionError answers as an OnyxError, which these routes raise in both generations.
func writePermissionError(w http.ResponseWriter, status int, code, msg string) {
	mockapi.WriteJSON(w, status, onyxErrorBody{ErrorCode: code, Detail: msg})
}

// getPermissions is GET …/{id}/permissions: the group's grants. v4.6 lists every grant, basic included; the
// current generation leaves the non-toggleable ones out unless include_non_toggleable=true.
func (s *Server) getPermissions(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	all, ok := queryBool(w, r, "include_non_toggleable")
	if !ok {
		return
	}
	g := s.st.groups.Get(id)
	if g == nil {
		writePermissionError(w, http.StatusNotFound, codeNotFound, msgPermissionsGroupNotFound)
		return
	}
	writeJSON(w, s.grantList(g, all || !s.current()))
}

// putPermissions is PUT …/{id}/permissions: v4.6's single toggle or the current desired state.
func (s *Server) putPermissions(w http.ResponseWriter, r *http.Request) {
	id, b, ok := pathBody(w, r)
	if !ok {
		return
	}
	if s.current() {
		s.setPermissions(w, id, b)
		return
	}
	s.togglePermission(w, id, b)
}

// readPermission reads a Permission field; an unknown value is a 422.
func (s *Server) readPermission(b *bodyReader, name string) (permission, bool) {
	return field(b, name, true, "enum", s.msgEnum(), s.permissionValue)
}

// togglePermission is v4.6's body {permission, enabled}, answered {permission, enabled}. A missing group is
// 404 before the toggle is checked; there is no default-group guard.
func (s *Server) togglePermission(w http.ResponseWriter, id int, b *bodyReader) {
	p, _ := s.readPermission(b, "permission")
	enabled := b.boolean("enabled", true)
	if !b.ok(w) {
		return
	}
	g := s.st.groups.Get(id)
	switch {
	case g == nil:
		writePermissionError(w, http.StatusNotFound, codeNotFound, msgPermissionsGroupNotFound)
		return
	case s.nonToggleable(p.value):
		// An f-string of a str-mixin enum member on Python 3.13 prints Permission.NAME.
		writePermissionError(w, http.StatusBadRequest, codeInvalidInput, fmt.Sprintf("Permission 'Permission.%s' cannot be toggled via this endpoint", p.name))
		return
	}
	if enabled {
		g.grants[p.value] = true
	} else {
		delete(g.grants, p.value)
	}
	writeJSON(w, map[string]any{"permission": p.value, "enabled": enabled})
}

// setPermissions is the current body {permissions: [...]}: the toggleable grants become exactly those, the
// others stay. The answer lists every grant the group then has, basic included.
func (s *Server) setPermissions(w http.ResponseWriter, id int, b *bodyReader) {
	want, _ := listOf(b, "permissions", true, "enum", s.msgEnum(), s.permissionValue)
	if !b.ok(w) {
		return
	}
	g := s.st.groups.Get(id)
	switch {
	case g == nil:
		writePermissionError(w, http.StatusNotFound, codeNotFound, msgPermissionsGroupNotFound)
		return
	case g.isDefault:
		writePermissionError(w, http.StatusConflict, codeConflict, "Cannot change the permissions of a default system group.")
		return
	}
	var refused []string
	for _, p := range want {
		if s.nonToggleable(p.value) {
			refused = append(refused, fmt.Sprintf("<Permission.%s: '%s'>", p.name, p.value))
		}
	}
	if len(refused) > 0 {
		writePermissionError(w, http.StatusBadRequest, codeInvalidInput, "Permissions ["+strings.Join(refused, ", ")+"] cannot be toggled via this endpoint")
		return
	}
	for value := range g.grants {
		if !s.nonToggleable(value) {
			delete(g.grants, value)
		}
	}
	for _, p := range want {
		g.grants[p.value] = true
	}
	writeJSON(w, s.grantList(g, true))
}

// patchIncognito is PATCH …/{id}/incognito {"enabled": bool}, answered with the group. The current
// generation refuses a default group first (a missing id passes that check), then a missing group is 404.
func (s *Server) patchIncognito(w http.ResponseWriter, r *http.Request) {
	id, b, ok := pathBody(w, r)
	if !ok {
		return
	}
	enabled := b.boolean("enabled", true)
	if !b.ok(w) {
		return
	}
	g := s.st.groups.Get(id)
	switch {
	case g != nil && g.isDefault && s.current():
		writePermissionError(w, http.StatusConflict, codeConflict, "Cannot change incognito access on a default system group.")
		return
	case g == nil:
		writePermissionError(w, http.StatusNotFound, codeNotFound, msgGroupNotFound(id))
		return
	}
	g.incognito = enabled
	writeJSON(w, s.renderGroup(g, false))
}
