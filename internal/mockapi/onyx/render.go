package onyx

import (
	"maps"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Responses are built as maps in the shape of the generation served: the field names are the API's,
// so a client reading another name finds nothing. Only what the reference lists is sent; the large
// cc_pair, document set and persona payloads are reduced to what their schemas require.

func writeJSON(w http.ResponseWriter, v any) { mockapi.WriteJSON(w, http.StatusOK, v) }

// formatTime is pydantic's datetime serialisation: microseconds, UTC as Z.
func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// preferences is a default UserPreferences.
func preferences() map[string]any {
	return map[string]any{
		"chosen_assistants": nil, "hidden_assistants": []int{}, "visible_assistants": []int{}, "default_model": nil,
		"pinned_assistants": nil, "shortcut_enabled": nil, "auto_scroll": nil, "temperature_override_enabled": nil,
	}
}

// renderUserInfo is a UserInfo: the caller on /me, a member in a group's users[] (g non-nil).
func (s *Server) renderUserInfo(u *user, g *group) map[string]any {
	out := map[string]any{
		"id": u.id, "email": u.email, "is_active": u.active, "is_superuser": false, "is_verified": true,
		"preferences": preferences(), "is_cloud_superuser": false, "team_name": nil, "is_anonymous_user": nil,
		"password_configured": nil, "tenant_info": nil,
	}
	if !s.current() {
		out["role"] = u.role
		out["oidc_expiry"], out["current_token_created_at"], out["current_token_expiry_length"] = nil, nil, nil
		return out
	}
	out["account_type"] = u.accountType
	out["personalization"] = map[string]any{}
	out["token_expires_at"] = nil
	out["effective_permissions"] = []string{}
	out["admin_capabilities"] = []string{}
	manager := false
	if g != nil {
		manager = g.members[u.id]
	}
	out["is_group_manager"] = manager
	return out
}

// renderGroup is a UserGroup.
func (s *Server) renderGroup(g *group, listing bool) map[string]any {
	users := []map[string]any{}
	managers := []string{}
	for _, u := range s.st.members(g) {
		users = append(users, s.renderUserInfo(u, g))
		if g.members[u.id] {
			managers = append(managers, u.id)
		}
	}
	sort.Strings(managers)
	ccPairs := mockapi.Each(slices.Sorted(maps.Keys(g.ccPairs)), s.renderCCPair)
	out := map[string]any{
		"id": g.id, "name": g.name, "users": users, "cc_pairs": ccPairs, "document_sets": []any{}, "personas": []any{},
		"is_up_to_date": g.upToDate, "is_up_for_deletion": g.deleting, "is_default": g.isDefault,
	}
	out["incognito_enabled"] = g.incognito
	if !s.current() {
		out["curator_ids"] = managers
		return out
	}
	out["manager_ids"] = managers
	// permissions is not the group's grants (GET …/permissions has those) but what the caller may do with the
	// group, for the UI; only the list fills it. The mock's callers are full admins.
	permissions := map[string]bool{}
	if listing {
		permissions = map[string]bool{"manage": !g.isDefault, "manage_members": true, "delete": !g.isDefault,
			"edit_permissions": !g.isDefault, "edit_token_limits": !g.isDefault}
	}
	out["permissions"] = permissions
	return out
}

// renderCCPair is a ConnectorCredentialPairDescriptor of a seeded pair.
func (s *Server) renderCCPair(id int) map[string]any {
	created := formatTime(s.st.ccPairs[id])
	return map[string]any{
		"id": id, "name": "Connector " + strconv.Itoa(id), "access_type": "private",
		"connector": map[string]any{
			"name": "Connector " + strconv.Itoa(id), "source": "file", "input_type": "load_state", "connector_specific_config": map[string]any{},
			"refresh_freq": nil, "prune_freq": nil, "indexing_start": nil, "id": id, "credential_ids": []int{id},
			"time_created": created, "time_updated": created,
		},
		"credential": map[string]any{
			"credential_json": map[string]any{}, "admin_public": true, "source": "file", "name": nil, "curator_public": false,
			"groups": []int{}, "is_user_file": false, "id": id, "user_id": nil, "user_email": nil,
			"time_created": created, "time_updated": created,
		},
	}
}

// renderFullUser is a FullUserSnapshot (the admin user lists).
func (s *Server) renderFullUser(u *user) map[string]any {
	out := map[string]any{
		"id": u.id, "email": u.email, "is_active": u.active, "password_configured": true,
		"personal_name": nilIfEmpty(u.personalName), "created_at": formatTime(u.createdAt), "updated_at": formatTime(u.updatedAt),
		"groups": s.groupRefs(u), "is_scim_synced": false,
	}
	if s.current() {
		out["account_type"] = u.accountType
		out["is_admin"] = s.isAdmin(u)
		out["craft_enabled"] = nil
	} else {
		out["role"] = u.role
	}
	return out
}

// renderKey is an ApiKeyDescriptor; the plaintext only when withSecret (create, regenerate).
func (s *Server) renderKey(k *apiKey, withSecret bool) map[string]any {
	out := map[string]any{
		"api_key_id": k.id, "api_key_display": displayOf(k.secret), "api_key": nil, "api_key_name": k.name, "user_id": k.userID,
	}
	if withSecret {
		out["api_key"] = k.secret
	}
	u := s.st.users.Get(k.userID)
	if !s.current() {
		role := roleBasic
		if u != nil {
			role = u.role
		}
		out["api_key_role"] = role
		return out
	}
	out["groups"] = s.groupRefs(u)
	return out
}

// groupRefs are the {id, name} of the groups u is in; none for a missing user.
func (s *Server) groupRefs(u *user) []map[string]any {
	var groups []*group
	if u != nil {
		groups = s.st.groupsOf(u.id)
	}
	return mockapi.Each(groups, func(g *group) map[string]any { return map[string]any{"id": g.id, "name": g.name} })
}

// displayOf masks a key the way Onyx shows it: "on_" + the first 4 and last 4 characters of the
// random part.
func displayOf(secret string) string {
	body := secret[len("on_"):]
	return "on_" + body[:4] + "********" + body[len(body)-4:]
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
