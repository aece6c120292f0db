package authentik

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// hookPatch collects the changes of a hook PATCH body: every field is decoded and checked first,
// and only a body without errors is applied, so a bad hook call changes nothing.
type hookPatch struct {
	fields map[string]json.RawMessage
	errs   []string
	apply  []func()
}

// readHookPatch decodes the body, refusing keys the hook does not know, so a typo in a test fails
// loudly instead of changing nothing.
func readHookPatch(w http.ResponseWriter, r *http.Request, known ...string) (*hookPatch, bool) {
	p := &hookPatch{}
	if err := json.NewDecoder(r.Body).Decode(&p.fields); err != nil {
		mockapi.WriteHookError(w, http.StatusBadRequest, "body must be a JSON object: "+err.Error())
		return nil, false
	}
	var unknown []string
	for k := range p.fields {
		if !contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		mockapi.WriteHookError(w, http.StatusBadRequest, fmt.Sprintf("unknown fields %v (known: %v)", unknown, known))
		return nil, false
	}
	return p, true
}

// hookField queues apply(value) when name is in the body and decodes as T; check, when not nil,
// may reject or normalise the value.
func hookField[T any](p *hookPatch, name string, check func(T) (T, error), apply func(T)) {
	raw, ok := p.fields[name]
	if !ok {
		return
	}
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		p.errs = append(p.errs, fmt.Sprintf("%s: %v", name, err))
		return
	}
	if check != nil {
		var err error
		if v, err = check(v); err != nil {
			p.errs = append(p.errs, fmt.Sprintf("%s: %v", name, err))
			return
		}
	}
	p.apply = append(p.apply, func() { apply(v) })
}

// finish applies the queued changes, or answers 400 listing every problem.
func (p *hookPatch) finish(w http.ResponseWriter) bool {
	if len(p.errs) > 0 {
		sort.Strings(p.errs)
		mockapi.WriteHookError(w, http.StatusBadRequest, strings.Join(p.errs, "; "))
		return false
	}
	for _, apply := range p.apply {
		apply()
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (s *Server) hookPatchGroup(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.hookGroup(w, r)
	if g == nil {
		return
	}
	p, ok := readHookPatch(w, r, "name", "is_superuser", "attributes", "parents", "roles", "users")
	if !ok {
		return
	}
	hookField(p, "name", nil, func(v string) { g.name = v })
	hookField(p, "is_superuser", nil, func(v bool) { g.isSuperuser = v })
	hookField(p, "attributes", nil, func(v map[string]any) { g.attributes = compactObject(v) })
	hookField(p, "parents", s.existingGroups, func(v []string) { g.parents = setOf(v) })
	hookField(p, "roles", s.existingRoles, func(v []string) { g.roles = setOf(v) })
	hookField(p, "users", s.existingUsers, func(v []int) { s.st.setGroupMembers(g.uuid, v) })
	if p.finish(w) {
		mockapi.WriteJSON(w, http.StatusOK, s.st.renderGroup(g, groupFlags{users: true, parents: true, children: true}))
	}
}

func (s *Server) hookPatchUser(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.hookUser(w, r)
	if u == nil {
		return
	}
	p, ok := readHookPatch(w, r, "username", "name", "email", "is_active", "path", "type", "attributes", "groups", "roles")
	if !ok {
		return
	}
	hookField(p, "username", nil, func(v string) { u.username = v })
	hookField(p, "name", nil, func(v string) { u.name = v })
	hookField(p, "email", nil, func(v string) { u.email = v })
	hookField(p, "path", nil, func(v string) { u.path = v })
	hookField(p, "type", nil, func(v string) { u.userType = v })
	hookField(p, "is_active", nil, func(v bool) { u.isActive = v })
	hookField(p, "attributes", nil, func(v map[string]any) { u.attributes = compactObject(v) })
	hookField(p, "groups", s.existingGroups, func(v []string) { s.st.setUserGroups(u.pk, v) })
	hookField(p, "roles", s.existingRoles, func(v []string) { u.roles = setOf(v) })
	if p.finish(w) {
		u.lastUpdated = s.clock()
		mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u, userFlags{groups: true, roles: true}))
	}
}

// existingGroups canonicalises group uuids and rejects unknown ones: hooks skip validation, but
// the real database could never hold a link to a missing group.
func (s *Server) existingGroups(refs []string) ([]string, error) {
	return canonicalRefs(refs, "group", func(uuid string) bool { return s.st.groups[uuid] != nil })
}

func (s *Server) existingRoles(refs []string) ([]string, error) {
	return canonicalRefs(refs, "role", func(uuid string) bool { return s.st.roles[uuid] != nil })
}

func (s *Server) existingUsers(pks []int) ([]int, error) {
	for _, pk := range pks {
		if s.st.users[pk] == nil {
			return nil, fmt.Errorf("no user %d", pk)
		}
	}
	return pks, nil
}

func canonicalRefs(refs []string, kind string, exists func(string) bool) ([]string, error) {
	out := make([]string, 0, len(refs))
	for _, ref := range refs {
		uuid, ok := canonicalUUID(ref)
		if !ok || !exists(uuid) {
			return nil, fmt.Errorf("no %s %s", kind, ref)
		}
		out = append(out, uuid)
	}
	return out, nil
}

func compactObject(m map[string]any) json.RawMessage {
	if m == nil {
		return emptyObject
	}
	b, _ := json.Marshal(m)
	return b
}
