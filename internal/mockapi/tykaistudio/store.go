package tykaistudio

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// DefaultGroupName is the built-in group every new user joins. The server recognises it by name.
const DefaultGroupName = "Default"

type user struct {
	id                   uint32
	email                string
	name                 string
	password             string // write-only; kept so tests can see PATCH ignores it
	isAdmin              bool
	showChat             bool
	showPortal           bool
	emailVerified        bool
	notificationsEnabled bool
	accessToSSOConfig    bool
	apiKey               string // "" until rolled, for users created through POST /users
	createdAt            time.Time
	updatedAt            time.Time
	deletedAt            *time.Time // soft delete: the row stays, ids are never reused
}

func (u *user) live() bool { return u != nil && u.deletedAt == nil }

// role is the server's computed role text.
func (u *user) role() string {
	switch {
	case u.isAdmin && u.id == superAdminID:
		return "Super Admin"
	case u.isAdmin:
		return "Admin"
	case u.showPortal:
		return "Developer"
	}
	return "Chat user"
}

type group struct {
	id        uint32
	name      string
	lists     map[catalogueKind]map[uint32]struct{}
	deletedAt *time.Time
}

func (g *group) live() bool { return g != nil && g.deletedAt == nil }

// catalogueKind is one of the three catalogue families a group can grant.
type catalogueKind string

const (
	kindCatalogues     catalogueKind = "catalogues"
	kindDataCatalogues catalogueKind = "data-catalogues"
	kindToolCatalogues catalogueKind = "tool-catalogues"
)

var catalogueKinds = []catalogueKind{kindCatalogues, kindDataCatalogues, kindToolCatalogues}

// attribute is the JSON attribute name of the kind in group bodies.
func (k catalogueKind) attribute() string {
	return strings.ReplaceAll(string(k), "-", "_")
}

type catalogue struct {
	id   uint32
	name string
}

// store is the whole state, under the Mock's lock. Rows are soft-deleted: they stay, ids are never
// reused. members links group ids to user ids, soft-deleted and phantom users included.
type store struct {
	users      *mockapi.Table[uint32, *user]
	groups     *mockapi.Table[uint32, *group]
	members    *mockapi.Relation[uint32, uint32]
	catalogues map[catalogueKind]map[uint32]*catalogue
	userIDs    mockapi.Serial
	groupIDs   mockapi.Serial
}

func newStore() *store {
	st := &store{
		users:      mockapi.NewTable[uint32, *user](),
		groups:     mockapi.NewTable[uint32, *group](),
		members:    mockapi.NewRelation[uint32, uint32](),
		catalogues: map[catalogueKind]map[uint32]*catalogue{},
	}
	for _, k := range catalogueKinds {
		st.catalogues[k] = map[uint32]*catalogue{}
	}
	return st
}

func newGroup(id uint32, name string) *group {
	g := &group{id: id, name: name, lists: map[catalogueKind]map[uint32]struct{}{}}
	for _, k := range catalogueKinds {
		g.lists[k] = map[uint32]struct{}{}
	}
	return g
}

func (s *store) liveUser(id uint32) *user {
	if u := s.users.Get(id); u.live() {
		return u
	}
	return nil
}

func (s *store) liveGroup(id uint32) *group {
	if g := s.groups.Get(id); g.live() {
		return g
	}
	return nil
}

func (s *store) defaultGroup() *group {
	return s.groups.Find(func(g *group) bool { return g.live() && g.name == DefaultGroupName })
}

// emailTaken compares case-insensitively among live users, as the server's service layer does.
func (s *store) emailTaken(email string, except uint32) bool {
	return s.users.Find(func(u *user) bool { return u.live() && u.id != except && strings.EqualFold(u.email, email) }) != nil
}

// groupNameTaken compares case-sensitively (`name = ?`) among live groups.
func (s *store) groupNameTaken(name string, except uint32) bool {
	return s.groups.Find(func(g *group) bool { return g.live() && g.id != except && g.name == name }) != nil
}

// phantomize makes sure every id names a user row, inserting blank users for unknown ids: the GORM
// association upsert the real server performs on membership writes.
func (s *store) phantomize(ids []uint32, now time.Time) {
	for _, id := range ids {
		if !s.users.Has(id) {
			s.users.Put(id, &user{id: id, createdAt: now, updatedAt: now})
			s.userIDs.Skip(int(id))
		}
	}
}

// liveMembers returns the group's live members by id (phantoms make creation order differ from it).
func (s *store) liveMembers(g *group) []*user {
	out := s.users.Pick(s.members.Of(g.id))
	out = slices.DeleteFunc(out, func(u *user) bool { return !u.live() })
	slices.SortFunc(out, func(a, b *user) int { return cmp.Compare(a.id, b.id) })
	return out
}

// groupsOf returns the live groups a user is in, by id (which is creation order for groups).
func (s *store) groupsOf(userID uint32) []*group {
	return slices.DeleteFunc(s.groups.Pick(s.members.To(userID)), func(g *group) bool { return !g.live() })
}

// setUserGroups replaces the groups a user is in; ids of no group are dropped.
func (s *store) setUserGroups(userID uint32, groupIDs []uint32) {
	s.members.SetTo(userID, slices.DeleteFunc(slices.Clone(groupIDs), func(id uint32) bool { return !s.groups.Has(id) }))
}

// missingCatalogues returns the ids among want that name no catalogue of kind.
func (s *store) missingCatalogues(kind catalogueKind, want []uint32) []uint32 {
	var out []uint32
	for _, id := range want {
		if s.catalogues[kind][id] == nil {
			out = append(out, id)
		}
	}
	return out
}

func (s *store) catalogueList(g *group, kind catalogueKind) []*catalogue {
	out := make([]*catalogue, 0, len(g.lists[kind]))
	for id := range g.lists[kind] {
		if c := s.catalogues[kind][id]; c != nil {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *catalogue) int { return cmp.Compare(a.id, b.id) })
	return out
}

func sortedIDs(set map[uint32]struct{}) []uint32 {
	return slices.Sorted(maps.Keys(set))
}
