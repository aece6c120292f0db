package onyx

import (
	"sort"
	"strings"
	"time"
)

// User roles (v4.6's UserRole enum; a dead column on the current generation).
const (
	roleLimited       = "limited"
	roleBasic         = "basic"
	roleAdmin         = "admin"
	roleCurator       = "curator"
	roleGlobalCurator = "global_curator"
	roleSlackUser     = "slack_user"
	roleExtPermUser   = "ext_perm_user"
)

var userRoles = []string{roleLimited, roleBasic, roleAdmin, roleCurator, roleGlobalCurator, roleSlackUser, roleExtPermUser}

// Account types (both generations keep the column; only the current one reports it).
const (
	accountStandard       = "STANDARD"
	accountBot            = "BOT"
	accountExtPermUser    = "EXT_PERM_USER"
	accountServiceAccount = "SERVICE_ACCOUNT"
	accountAnonymous      = "ANONYMOUS"
)

type user struct {
	id           string // uuid
	email        string // unique, compared case-insensitively
	accountType  string
	role         string // v4.6 role; for a service account, its API key's role
	active       bool
	personalName string
	createdAt    time.Time
	updatedAt    time.Time
}

func (u *user) serviceAccount() bool { return u.accountType == accountServiceAccount }

type group struct {
	id        int
	name      string // unique, case-sensitive, reserved until the row is really gone
	members   map[string]bool
	ccPairs   map[int]bool
	isDefault bool
	// upToDate is false while a background sync is pending; dueAt is when it completes.
	upToDate bool
	dueAt    time.Time
	// deleting is is_up_for_deletion: the row goes when the pending sync completes.
	deleting bool
}

func newGroup(id int, name string) *group {
	return &group{id: id, name: name, members: map[string]bool{}, ccPairs: map[int]bool{}}
}

type apiKey struct {
	id     int
	name   *string
	secret string
	userID string // the key's service-account user
}

// store is the whole state. Every method expects the Server's lock to be held.
type store struct {
	users map[string]*user
	// invited are pending invitations, normalised, in the order they were made.
	invited     []string
	groups      map[int]*group
	keys        map[int]*apiKey
	ccPairs     map[int]time.Time
	nextGroupID int
	nextKeyID   int
}

func newStore() *store {
	return &store{users: map[string]*user{}, groups: map[int]*group{}, keys: map[int]*apiKey{}, ccPairs: map[int]time.Time{},
		nextGroupID: 1, nextKeyID: 1}
}

// userByEmail compares case-insensitively, as Onyx's lower(email) lookups do.
func (st *store) userByEmail(email string) *user {
	for _, u := range st.users {
		if strings.EqualFold(u.email, email) {
			return u
		}
	}
	return nil
}

// invitation returns the stored form of a pending invitation, matched case-insensitively.
func (st *store) invitation(email string) (string, bool) {
	for _, e := range st.invited {
		if strings.EqualFold(e, email) {
			return e, true
		}
	}
	return "", false
}

func (st *store) removeInvitation(exact string) {
	for i, e := range st.invited {
		if e == exact {
			st.invited = append(st.invited[:i], st.invited[i+1:]...)
			return
		}
	}
}

// groupByName finds a group by exact name, including one that is being deleted.
func (st *store) groupByName(name string) *group {
	for _, g := range st.groups {
		if g.name == name {
			return g
		}
	}
	return nil
}

func (st *store) defaultGroup(name string) *group {
	for _, g := range st.groups {
		if g.isDefault && g.name == name {
			return g
		}
	}
	return nil
}

// sortedGroups returns every group by id, the order the mock lists them in.
func (st *store) sortedGroups() []*group {
	out := make([]*group, 0, len(st.groups))
	for _, g := range st.groups {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// members returns a group's users by email.
func (st *store) members(g *group) []*user {
	out := make([]*user, 0, len(g.members))
	for id := range g.members {
		if u := st.users[id]; u != nil {
			out = append(out, u)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].email < out[j].email })
	return out
}

// groupsOf returns the groups a user is in that are not being deleted, by id.
func (st *store) groupsOf(userID string) []*group {
	var out []*group
	for _, g := range st.sortedGroups() {
		if _, ok := g.members[userID]; ok && !g.deleting {
			out = append(out, g)
		}
	}
	return out
}

// removeUser deletes a user row and every membership edge it had.
func (st *store) removeUser(id string) {
	delete(st.users, id)
	for _, g := range st.groups {
		delete(g.members, id)
	}
}

func sortedKeys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
