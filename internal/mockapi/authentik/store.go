package authentik

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// emptyObject is the attributes value of an object nobody gave attributes.
var emptyObject = json.RawMessage(`{}`)

type group struct {
	uuid        string
	name        string
	isSuperuser bool
	attributes  json.RawMessage // compact JSON object; immutable once stored, so safe to share
	parents     map[string]struct{}
	roles       map[string]struct{}
}

type user struct {
	pk                 int
	uuid               string
	username           string
	name               string
	email              string
	isActive           bool
	path               string
	userType           string
	attributes         json.RawMessage
	roles              map[string]struct{}
	lastLogin          *time.Time
	dateJoined         time.Time
	lastUpdated        time.Time
	passwordChangeDate time.Time
	password           string // "" means unusable, as for every user created through the API
}

type token struct {
	uuid        string
	identifier  string
	key         string
	intent      string
	user        int
	description string
	expires     *time.Time
	expiring    bool
	managed     *string
}

type role struct {
	uuid string
	name string
}

// store is the whole state, under the Server's lock.
type store struct {
	groups  *mockapi.Table[string, *group] // by uuid
	users   *mockapi.Table[int, *user]     // by pk
	tokens  *mockapi.Table[string, *token] // by identifier
	roles   *mockapi.Table[string, *role]  // by uuid
	userPKs mockapi.Serial
	// members is the one membership relation, group uuid -> user pks, indexed from both sides so
	// neither Group.users nor User.groups needs a scan: 10k-member groups must stay cheap.
	members *mockapi.Relation[string, int]
}

func newStore() *store {
	return &store{groups: mockapi.NewTable[string, *group](), users: mockapi.NewTable[int, *user](),
		tokens: mockapi.NewTable[string, *token](), roles: mockapi.NewTable[string, *role](),
		members: mockapi.NewRelation[string, int]()}
}

// newGroup stores a group with the model's defaults.
func (s *store) newGroup(name string) *group {
	g := &group{uuid: mockapi.NewUUID(), name: name, attributes: emptyObject, parents: map[string]struct{}{}, roles: map[string]struct{}{}}
	s.groups.Put(g.uuid, g)
	return g
}

// deleteGroup drops the group, its memberships and every parent link pointing at it.
func (s *store) deleteGroup(gone *group) {
	s.members.DropLeft(gone.uuid)
	s.groups.Delete(gone.uuid)
	for _, g := range s.groups.Rows() {
		delete(g.parents, gone.uuid)
	}
}

// deleteUser drops the user, its memberships and its tokens.
func (s *store) deleteUser(u *user) {
	s.members.DropRight(u.pk)
	s.users.Delete(u.pk)
	for _, t := range s.tokens.Select(func(t *token) bool { return t.user == u.pk }) {
		s.deleteToken(t)
	}
}

func (s *store) deleteToken(t *token) { s.tokens.Delete(t.identifier) }

func (s *store) groupByName(name string) *group {
	return s.groups.Find(func(g *group) bool { return g.name == name })
}

func (s *store) userByUsername(username string) *user {
	return s.users.Find(func(u *user) bool { return u.username == username })
}

// ancestors returns every group reachable through parent links from the given groups, the groups
// themselves included. authentik does not forbid cycles, hence the visited set.
func (s *store) ancestors(start map[string]struct{}) map[string]struct{} {
	seen := map[string]struct{}{}
	queue := make([]string, 0, len(start))
	for g := range start {
		queue = append(queue, g)
	}
	for len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		if _, done := seen[g]; done {
			continue
		}
		seen[g] = struct{}{}
		if grp := s.groups.Get(g); grp != nil {
			for p := range grp.parents {
				queue = append(queue, p)
			}
		}
	}
	return seen
}

// userIsSuperuser is User.is_superuser: any of the user's groups, or their ancestors, grants it.
func (s *store) userIsSuperuser(pk int) bool {
	for g := range s.ancestors(s.members.To(pk)) {
		if grp := s.groups.Get(g); grp != nil && grp.isSuperuser {
			return true
		}
	}
	return false
}

// children returns the groups that list uuid as a parent.
func (s *store) children(uuid string) []*group {
	out := s.groups.Select(func(g *group) bool {
		_, ok := g.parents[uuid]
		return ok
	})
	sortGroupsByName(out)
	return out
}

func (s *store) groupsOf(set map[string]struct{}) []*group {
	out := s.groups.Pick(set)
	sortGroupsByName(out)
	return out
}

func (s *store) rolesOf(set map[string]struct{}) []*role { return sortRoles(s.roles.Pick(set)) }

func sortRoles(rs []*role) []*role {
	sort.Slice(rs, func(i, j int) bool { return lessFold(rs[i].name, rs[j].name, rs[i].uuid, rs[j].uuid) })
	return rs
}

func (s *store) membersOf(groupUUID string) []int {
	out := make([]int, 0, len(s.members.Of(groupUUID)))
	for pk := range s.members.Of(groupUUID) {
		out = append(out, pk)
	}
	sort.Ints(out)
	return out
}

func sortGroupsByName(gs []*group) {
	sort.Slice(gs, func(i, j int) bool { return lessFold(gs[i].name, gs[j].name, gs[i].uuid, gs[j].uuid) })
}

// lessFold orders names case-insensitively first, the way a database with a linguistic collation
// would, then byte-wise, then by a tie-breaker, so every listing has one stable order.
func lessFold(a, b, tieA, tieB string) bool {
	if c := compareFold(a, b); c != 0 {
		return c < 0
	}
	return tieA < tieB
}

func compareFold(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
