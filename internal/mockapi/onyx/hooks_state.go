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
	out := stateJSON{
		Generation: s.generation,
		Groups:     stateGroups{Names: []string{}, Deleting: []string{}},
		Users:      stateUsers{Emails: []string{}, Status: map[string]string{}},
		APIKeys:    stateKeys{Names: []string{}},
	}
	for _, g := range s.st.groups.Rows() {
		out.Groups.Names = append(out.Groups.Names, g.name)
		if g.deleting {
			out.Groups.Deleting = append(out.Groups.Deleting, g.name)
		}
		if !g.upToDate {
			out.PendingSyncs++
		}
		out.Memberships += len(g.members)
	}
	for _, u := range s.st.users.Rows() {
		if u.serviceAccount() {
			out.ServiceAccounts++
			continue
		}
		out.Users.Emails = append(out.Users.Emails, u.email)
		status := "active"
		if !u.active {
			status = "deactivated"
		}
		out.Users.Status[u.email] = status
	}
	for _, e := range s.st.invited {
		out.Users.Emails = append(out.Users.Emails, e)
		out.Users.Status[e] = "invited"
	}
	for _, k := range s.st.keys.Rows() {
		name := ""
		if k.name != nil {
			name = *k.name
		}
		out.APIKeys.Names = append(out.APIKeys.Names, name)
	}
	sort.Strings(out.Groups.Names)
	sort.Strings(out.Groups.Deleting)
	sort.Strings(out.Users.Emails)
	sort.Strings(out.APIKeys.Names)
	out.Groups.Count, out.Users.Count, out.APIKeys.Count = len(out.Groups.Names), len(out.Users.Emails), len(out.APIKeys.Names)
	mockapi.WriteJSON(w, http.StatusOK, out)
}
