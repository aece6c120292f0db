package secoda

import (
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Roles a workspace member can have, as the API returns them (lowercase).
const (
	roleAdmin  = "admin"
	roleEditor = "editor"
	roleViewer = "viewer"
	roleGuest  = "guest"
)

var roles = []string{roleAdmin, roleEditor, roleViewer, roleGuest}

// defaultRole is what an invite without a role gets. The API does not document it; "editor" is the
// role every example in Secoda's docs uses.
const defaultRole = roleEditor

// defaultIcon is a new group's icon when none is sent. The server default is undocumented; this is the
// one pysecoda sends, and a non-empty default catches a client that assumes "".
const defaultIcon = "💼"

type group struct {
	id          string
	name        string
	icon        string
	description string
	createdAt   time.Time
	updatedAt   time.Time
}

type user struct {
	id        string
	firstName string
	lastName  string
	email     string
	role      string
	pending   bool
	disabled  bool
	teams     map[string]struct{}
	lastLogin *time.Time
}

type team struct {
	id          string
	name        string
	icon        string
	description string
	teamType    string
	isDefault   bool
	createdAt   time.Time
	updatedAt   time.Time
}

// store is the whole state, under the Server's lock. Tables list in creation order, which is the
// order of every listing.
type store struct {
	groups *mockapi.Table[string, *group]
	users  *mockapi.Table[string, *user]
	teams  *mockapi.Table[string, *team]
	// members is one relation, group -> users, so that Group.users and User.user_groups are always the
	// same facts.
	members *mockapi.Relation[string, string]
}

func newStore() *store {
	return &store{groups: mockapi.NewTable[string, *group](), users: mockapi.NewTable[string, *user](),
		teams: mockapi.NewTable[string, *team](), members: mockapi.NewRelation[string, string]()}
}

// deleteGroup drops the group and strips it from every member's user_groups.
func (s *store) deleteGroup(g *group) {
	s.members.DropLeft(g.id)
	s.groups.Delete(g.id)
}

// deleteUser drops the user and strips it from every group's users.
func (s *store) deleteUser(u *user) {
	s.members.DropRight(u.id)
	s.users.Delete(u.id)
}

// userByEmail finds a user, disabled ones included, by email ignoring case: a deactivated member
// still holds its address.
func (s *store) userByEmail(email string) *user {
	want := foldEmail(email)
	return s.users.Find(func(u *user) bool { return foldEmail(u.email) == want })
}

// membersOf lists a group's users, in the order they joined the workspace.
func (s *store) membersOf(groupID string) []string {
	return ids(s.users.Pick(s.members.Of(groupID)), func(u *user) string { return u.id })
}

func (s *store) groupsOf(userID string) []string {
	return ids(s.groups.Pick(s.members.To(userID)), func(g *group) string { return g.id })
}

func ids[T any](rows []T, id func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}
