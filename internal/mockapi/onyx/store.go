package onyx

import (
	"slices"
	"strings"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
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
	// grants are the permissions the group grants (its live permission_grant rows). Every group has the
	// system grant "basic"; the seeded Admin group grants "admin".
	grants map[string]bool
	// incognito is incognito_enabled: members may start incognito chats when that is limited to groups.
	incognito bool
	// upToDate is false while a background sync is pending; dueAt is when it completes.
	upToDate bool
	dueAt    time.Time
	// deleting is is_up_for_deletion: the row goes when the pending sync completes.
	deleting bool
}

func newGroup(id int, name string) *group {
	return &group{id: id, name: name, members: map[string]bool{}, ccPairs: map[int]bool{}, grants: map[string]bool{permBasic: true}}
}

type apiKey struct {
	id     int
	name   *string
	secret string
	userID string // the key's service-account user
}

// store is the whole state, under the Mock's lock. Tables list in creation order, which for groups
// and keys is id order.
type store struct {
	users *mockapi.Table[string, *user]
	// invited are pending invitations, normalised, in the order they were made.
	invited  []string
	groups   *mockapi.Table[int, *group]
	keys     *mockapi.Table[int, *apiKey]
	ccPairs  map[int]time.Time
	groupIDs mockapi.Serial
	keyIDs   mockapi.Serial
	// pending are the ids of the groups with a background sync pending (see completeSyncs).
	pending map[int]bool
}

func newStore() *store {
	return &store{users: mockapi.NewTable[string, *user](), groups: mockapi.NewTable[int, *group](),
		keys: mockapi.NewTable[int, *apiKey](), ccPairs: map[int]time.Time{}, pending: map[int]bool{}}
}

// userByEmail compares case-insensitively, as Onyx's lower(email) lookups do.
func (st *store) userByEmail(email string) *user {
	return st.users.Find(func(u *user) bool { return strings.EqualFold(u.email, email) })
}

// invitation returns the stored form of a pending invitation, matched case-insensitively.
func (st *store) invitation(email string) (string, bool) {
	i := slices.IndexFunc(st.invited, func(e string) bool { return strings.EqualFold(e, email) })
	if i < 0 {
		return "", false
	}
	return st.invited[i], true
}

func (st *store) removeInvitation(exact string) {
	if i := slices.Index(st.invited, exact); i >= 0 {
		st.invited = slices.Delete(st.invited, i, i+1)
	}
}

// groupByName finds a group by exact name, including one that is being deleted.
func (st *store) groupByName(name string) *group {
	return st.groups.Find(func(g *group) bool { return g.name == name })
}

func (st *store) defaultGroup(name string) *group {
	return st.groups.Find(func(g *group) bool { return g.isDefault && g.name == name })
}

// members returns a group's users by email.
func (st *store) members(g *group) []*user {
	out := make([]*user, 0, len(g.members))
	for id := range g.members {
		if u := st.users.Get(id); u != nil {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b *user) int { return strings.Compare(a.email, b.email) })
	return out
}

// groupsOf returns the groups a user is in that are not being deleted, by id.
func (st *store) groupsOf(userID string) []*group {
	return st.groups.Select(func(g *group) bool {
		_, ok := g.members[userID]
		return ok && !g.deleting
	})
}

// removeUser deletes a user row and every membership edge it had.
func (st *store) removeUser(id string) {
	st.users.Delete(id)
	for _, g := range st.groups.Rows() {
		delete(g.members, id)
	}
}
