package authentik

import (
	"encoding/json"
	"sort"
	"strings"
	"time"
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

// store is the whole state. Every method expects the Server's lock to be held.
type store struct {
	groups     map[string]*group // by uuid
	users      map[int]*user     // by pk
	tokens     map[string]*token // by identifier
	roles      map[string]*role  // by uuid
	nextUserPK int

	// One membership relation, indexed from both sides so neither Group.users nor User.groups
	// needs a scan: 10k-member groups must stay cheap.
	groupMembers map[string]map[int]struct{}
	userGroups   map[int]map[string]struct{}
}

func newStore() *store {
	return &store{
		groups:       map[string]*group{},
		users:        map[int]*user{},
		tokens:       map[string]*token{},
		roles:        map[string]*role{},
		nextUserPK:   1,
		groupMembers: map[string]map[int]struct{}{},
		userGroups:   map[int]map[string]struct{}{},
	}
}

func (s *store) addMember(groupUUID string, userPK int) {
	if s.groupMembers[groupUUID] == nil {
		s.groupMembers[groupUUID] = map[int]struct{}{}
	}
	if s.userGroups[userPK] == nil {
		s.userGroups[userPK] = map[string]struct{}{}
	}
	s.groupMembers[groupUUID][userPK] = struct{}{}
	s.userGroups[userPK][groupUUID] = struct{}{}
}

func (s *store) removeMember(groupUUID string, userPK int) {
	delete(s.groupMembers[groupUUID], userPK)
	delete(s.userGroups[userPK], groupUUID)
}

// setGroupMembers replaces the direct members of a group.
func (s *store) setGroupMembers(groupUUID string, pks []int) {
	for pk := range s.groupMembers[groupUUID] {
		s.removeMember(groupUUID, pk)
	}
	for _, pk := range pks {
		s.addMember(groupUUID, pk)
	}
}

// setUserGroups replaces the groups a user is a direct member of.
func (s *store) setUserGroups(userPK int, uuids []string) {
	for g := range s.userGroups[userPK] {
		s.removeMember(g, userPK)
	}
	for _, g := range uuids {
		s.addMember(g, userPK)
	}
}

// deleteGroup drops the group, its memberships and every parent link pointing at it.
func (s *store) deleteGroup(uuid string) {
	for pk := range s.groupMembers[uuid] {
		delete(s.userGroups[pk], uuid)
	}
	delete(s.groupMembers, uuid)
	delete(s.groups, uuid)
	for _, g := range s.groups {
		delete(g.parents, uuid)
	}
}

// deleteUser drops the user, its memberships and its tokens.
func (s *store) deleteUser(pk int) {
	for g := range s.userGroups[pk] {
		delete(s.groupMembers[g], pk)
	}
	delete(s.userGroups, pk)
	delete(s.users, pk)
	for id, t := range s.tokens {
		if t.user == pk {
			delete(s.tokens, id)
		}
	}
}

func (s *store) groupByName(name string) *group {
	for _, g := range s.groups {
		if g.name == name {
			return g
		}
	}
	return nil
}

func (s *store) userByUsername(username string) *user {
	for _, u := range s.users {
		if u.username == username {
			return u
		}
	}
	return nil
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
		if grp := s.groups[g]; grp != nil {
			for p := range grp.parents {
				queue = append(queue, p)
			}
		}
	}
	return seen
}

// userIsSuperuser is User.is_superuser: any of the user's groups, or their ancestors, grants it.
func (s *store) userIsSuperuser(pk int) bool {
	for g := range s.ancestors(s.userGroups[pk]) {
		if grp := s.groups[g]; grp != nil && grp.isSuperuser {
			return true
		}
	}
	return false
}

// children returns the groups that list uuid as a parent.
func (s *store) children(uuid string) []*group {
	var out []*group
	for _, g := range s.groups {
		if _, ok := g.parents[uuid]; ok {
			out = append(out, g)
		}
	}
	sortGroupsByName(out)
	return out
}

func (s *store) groupsOf(set map[string]struct{}) []*group {
	out := make([]*group, 0, len(set))
	for uuid := range set {
		if g := s.groups[uuid]; g != nil {
			out = append(out, g)
		}
	}
	sortGroupsByName(out)
	return out
}

func (s *store) rolesOf(set map[string]struct{}) []*role {
	out := make([]*role, 0, len(set))
	for uuid := range set {
		if r := s.roles[uuid]; r != nil {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessFold(out[i].name, out[j].name, out[i].uuid, out[j].uuid) })
	return out
}

func (s *store) membersOf(groupUUID string) []int {
	out := make([]int, 0, len(s.groupMembers[groupUUID]))
	for pk := range s.groupMembers[groupUUID] {
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

func setOf[T comparable](items []T) map[T]struct{} {
	out := make(map[T]struct{}, len(items))
	for _, it := range items {
		out[it] = struct{}{}
	}
	return out
}
