package onyx

import (
	"net/http"
	"sort"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// stateJSON is what tests assert "no duplicates, no orphans" against. Natural keys are sorted, so a
// duplicate shows up as two equal neighbours.
type stateJSON struct {
	Generation      string      `json:"generation"`
	Groups          stateGroups `json:"groups"`
	Users           stateUsers  `json:"users"`
	APIKeys         stateKeys   `json:"api_keys"`
	ServiceAccounts int         `json:"service_accounts"`
	Memberships     int         `json:"memberships"`
	PendingSyncs    int         `json:"pending_syncs"`
}

type stateGroups struct {
	Count int `json:"count"`
	// Names includes the groups being deleted, whose names are still reserved; Deleting lists those.
	Names    []string `json:"names"`
	Deleting []string `json:"deleting"`
}

type stateUsers struct {
	// Count and Emails cover people: accepted users and pending invitations, not service accounts.
	Count  int      `json:"count"`
	Emails []string `json:"emails"`
	// Status maps each email to invited, active or deactivated.
	Status map[string]string `json:"status"`
}

type stateKeys struct {
	Count int      `json:"count"`
	Names []string `json:"names"`
}

func (s *Server) hookState(w http.ResponseWriter, _ *http.Request) {
	groups := s.st.groups.Rows()
	out := stateJSON{
		Generation: s.generation,
		Groups:     stateGroups{Names: mockapi.SortedNames(groups, func(g *group) string { return g.name }), Deleting: []string{}},
		Users:      stateUsers{Emails: []string{}, Status: map[string]string{}},
		APIKeys: stateKeys{Names: mockapi.SortedNames(s.st.keys.Rows(), func(k *apiKey) string {
			if k.name == nil {
				return ""
			}
			return *k.name
		})},
	}
	for _, g := range groups {
		if g.deleting {
			out.Groups.Deleting = append(out.Groups.Deleting, g.name)
		}
		if !g.upToDate {
			out.PendingSyncs++
		}
		out.Memberships += len(g.members)
	}
	for _, u := range s.st.users.Rows() {
		switch {
		case u.serviceAccount():
			out.ServiceAccounts++
			continue
		case u.active:
			out.Users.Status[u.email] = "active"
		default:
			out.Users.Status[u.email] = "deactivated"
		}
		out.Users.Emails = append(out.Users.Emails, u.email)
	}
	for _, e := range s.st.invited {
		out.Users.Emails = append(out.Users.Emails, e)
		out.Users.Status[e] = "invited"
	}
	sort.Strings(out.Groups.Deleting)
	sort.Strings(out.Users.Emails)
	out.Groups.Count, out.Users.Count, out.APIKeys.Count = len(out.Groups.Names), len(out.Users.Emails), len(out.APIKeys.Names)
	mockapi.WriteJSON(w, http.StatusOK, out)
}
