package onyx

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// keyArgs is a parsed APIKeyArgs body: name and, per generation, the role or the group ids.
type keyArgs struct {
	name     *string
	role     string
	groupIDs []int
}

// readKeyArgs decodes create and update bodies alike: every field has a default (name null, role
// basic, group_ids []), but group_ids null is a 422. On failure it has answered.
func (s *Server) readKeyArgs(w http.ResponseWriter, r *http.Request) (keyArgs, bool) {
	b, ok := readBody(w, r)
	if !ok {
		return keyArgs{}, false
	}
	args := keyArgs{name: b.optionalStr("name"), role: roleBasic, groupIDs: []int{}}
	if s.current() {
		if ids, present := b.intList("group_ids", false); present {
			args.groupIDs = ids
		}
	} else if role, present := b.str("role", false); present {
		if !slices.Contains(userRoles, role) {
			b.fail("role", "enum", "Input should be 'limited', 'basic', 'admin', 'curator', 'global_curator', 'slack_user' or 'ext_perm_user'")
		}
		args.role = role
	}
	if !b.ok(w) {
		return keyArgs{}, false
	}
	if s.current() {
		var missing []string
		for _, id := range args.groupIDs {
			if s.st.groups.Get(id) == nil {
				missing = append(missing, fmt.Sprint(id))
			}
		}
		if len(missing) > 0 {
			writeValueError(w, "Group IDs do not exist: ["+strings.Join(missing, ", ")+"]")
			return keyArgs{}, false
		}
	}
	return args, true
}

// serviceAccountEmail is the synthetic address of a key's user; renaming the key rewrites it.
func serviceAccountEmail(name *string, userID string) string {
	n := "Unnamed"
	if name != nil && *name != "" {
		n = *name
	}
	return "API_KEY__" + n + "@" + userID + "onyxapikey.ai"
}

// applyKeyArgs sets the key's name and, through its service account, its permissions: v4.6 stores
// the role on the account and puts admin and basic keys into the matching default group; the current
// generation replaces the account's group memberships with group_ids.
func (s *Server) applyKeyArgs(k *apiKey, args keyArgs) {
	k.name = args.name
	u := s.st.users.Get(k.userID)
	u.email = serviceAccountEmail(args.name, u.id)
	u.updatedAt = s.Now()
	for _, g := range s.st.groups.Rows() {
		if s.current() || g.isDefault {
			delete(g.members, u.id)
		}
	}
	if s.current() {
		for _, id := range args.groupIDs {
			s.st.groups.Get(id).members[u.id] = false
		}
		return
	}
	u.role = args.role
	joins := map[string]string{roleAdmin: AdminGroupName, roleBasic: BasicGroupName}
	if g := s.st.defaultGroup(joins[u.role]); g != nil {
		g.members[u.id] = false
	}
}

func (s *Server) listKeys(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, mockapi.Each(s.st.keys.InOrder(), func(k *apiKey) map[string]any { return s.renderKey(k, false) }))
}

// createKey makes the key and its service-account user, and answers the plaintext, once.
func (s *Server) createKey(w http.ResponseWriter, r *http.Request) {
	args, ok := s.readKeyArgs(w, r)
	if !ok {
		return
	}
	now := s.Now()
	u := &user{id: mockapi.NewUUID(), accountType: accountServiceAccount, active: true, createdAt: now, updatedAt: now}
	s.st.users.Put(u.id, u)
	k := &apiKey{id: s.st.keyIDs.Next(), secret: newAPIKey(), userID: u.id}
	s.st.keys.Put(k.id, k)
	s.applyKeyArgs(k, args)
	writeJSON(w, s.renderKey(k, true))
}

// knownKey returns the key with that id. An unknown id is an uncaught ValueError: 400
// {"message"}, not 404. It has answered when it returns nil.
func (s *Server) knownKey(w http.ResponseWriter, id int) *apiKey {
	k := s.st.keys.Get(id)
	if k == nil {
		writeValueError(w, msgKeyNotFound(id))
	}
	return k
}

// pathKey is the key the {id} path parameter names; it has answered when it returns nil.
func (s *Server) pathKey(w http.ResponseWriter, r *http.Request) *apiKey {
	id, ok := pathID(w, r)
	if !ok {
		return nil
	}
	return s.knownKey(w, id)
}

// updateKey replaces name and permissions: an omitted name becomes null, omitted group_ids [].
func (s *Server) updateKey(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	args, ok := s.readKeyArgs(w, r) // FastAPI validates the body before the handler looks the key up
	if !ok {
		return
	}
	k := s.knownKey(w, id)
	if k == nil {
		return
	}
	s.applyKeyArgs(k, args)
	writeJSON(w, s.renderKey(k, false))
}

// regenerateKey replaces the secret at once; id and user stay.
func (s *Server) regenerateKey(w http.ResponseWriter, r *http.Request) {
	k := s.pathKey(w, r)
	if k == nil {
		return
	}
	k.secret = newAPIKey()
	writeJSON(w, s.renderKey(k, true))
}

// deleteKey removes the key, its service account and that account's memberships.
func (s *Server) deleteKey(w http.ResponseWriter, r *http.Request) {
	k := s.pathKey(w, r)
	if k == nil {
		return
	}
	s.st.keys.Delete(k.id)
	s.st.removeUser(k.userID)
	writeNull(w)
}
