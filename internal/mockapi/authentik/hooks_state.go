package authentik

import (
	"net/http"
	"sort"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// stateJSON is what tests assert "no duplicates, no orphans" against: the natural keys are listed
// sorted, so a duplicate shows up as two equal neighbours.
type stateJSON struct {
	Groups      stateGroups `json:"groups"`
	Users       stateUsers  `json:"users"`
	Tokens      stateTokens `json:"tokens"`
	Memberships int         `json:"memberships"`
	Roles       []roleJSON  `json:"roles"`
}

type stateGroups struct {
	Count int      `json:"count"`
	Names []string `json:"names"`
}

type stateUsers struct {
	Count     int      `json:"count"`
	Usernames []string `json:"usernames"`
}

type stateTokens struct {
	Count       int      `json:"count"`
	Identifiers []string `json:"identifiers"`
}

func (s *Server) hookState(w http.ResponseWriter, _ *http.Request) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := stateJSON{
		Groups: stateGroups{Count: len(s.st.groups), Names: []string{}},
		Users:  stateUsers{Count: len(s.st.users), Usernames: []string{}},
		Tokens: stateTokens{Count: len(s.st.tokens), Identifiers: []string{}},
		Roles:  []roleJSON{},
	}
	for _, g := range s.st.groups {
		out.Groups.Names = append(out.Groups.Names, g.name)
	}
	for _, u := range s.st.users {
		out.Users.Usernames = append(out.Users.Usernames, u.username)
	}
	for id := range s.st.tokens {
		out.Tokens.Identifiers = append(out.Tokens.Identifiers, id)
	}
	for _, members := range s.st.groupMembers {
		out.Memberships += len(members)
	}
	all := make(map[string]struct{}, len(s.st.roles))
	for uuid := range s.st.roles {
		all[uuid] = struct{}{}
	}
	for _, r := range s.st.rolesOf(all) {
		out.Roles = append(out.Roles, roleJSON{PK: r.uuid, Name: r.name})
	}
	sort.Strings(out.Groups.Names)
	sort.Strings(out.Users.Usernames)
	sort.Strings(out.Tokens.Identifiers)
	mockapi.WriteJSON(w, http.StatusOK, out)
}
