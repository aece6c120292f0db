package tykaistudio

import (
	"sort"
	"strings"
	"time"
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
	members   map[uint32]struct{}
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

// store is the whole state. Every method expects the Server's lock to be held.
type store struct {
	users       map[uint32]*user
	groups      map[uint32]*group
	catalogues  map[catalogueKind]map[uint32]*catalogue
	nextUserID  uint32
	nextGroupID uint32
}

func newStore() *store {
	st := &store{
		users:       map[uint32]*user{},
		groups:      map[uint32]*group{},
		catalogues:  map[catalogueKind]map[uint32]*catalogue{},
		nextUserID:  1,
		nextGroupID: 1,
	}
	for _, k := range catalogueKinds {
		st.catalogues[k] = map[uint32]*catalogue{}
	}
	return st
}

func newGroup(id uint32, name string) *group {
	g := &group{id: id, name: name, members: map[uint32]struct{}{}, lists: map[catalogueKind]map[uint32]struct{}{}}
	for _, k := range catalogueKinds {
		g.lists[k] = map[uint32]struct{}{}
	}
	return g
}

func (s *store) liveUser(id uint32) *user {
	if u := s.users[id]; u.live() {
		return u
	}
	return nil
}

func (s *store) liveGroup(id uint32) *group {
	if g := s.groups[id]; g.live() {
		return g
	}
	return nil
}

func (s *store) defaultGroup() *group {
	for _, g := range s.groups {
		if g.live() && g.name == DefaultGroupName {
			return g
		}
	}
	return nil
}

// emailTaken compares case-insensitively among live users, as the server's service layer does.
func (s *store) emailTaken(email string, except uint32) bool {
	for _, u := range s.users {
		if u.live() && u.id != except && strings.EqualFold(u.email, email) {
			return true
		}
	}
	return false
}

// groupNameTaken compares case-sensitively (`name = ?`) among live groups.
func (s *store) groupNameTaken(name string, except uint32) bool {
	for _, g := range s.groups {
		if g.live() && g.id != except && g.name == name {
			return true
		}
	}
	return false
}

// phantomize makes sure every id names a user row, inserting blank users for unknown ids: the GORM
// association upsert the real server performs on membership writes.
func (s *store) phantomize(ids []uint32, now time.Time) {
	for _, id := range ids {
		if s.users[id] != nil {
			continue
		}
		s.users[id] = &user{id: id, createdAt: now, updatedAt: now}
		if id >= s.nextUserID {
			s.nextUserID = id + 1
		}
	}
}

// setMembers replaces a group's members. Soft-deleted rows may be named (the association row is
// written) but never show up, because every read filters on live users.
func (g *group) setMembers(ids []uint32) {
	g.members = map[uint32]struct{}{}
	for _, id := range ids {
		g.members[id] = struct{}{}
	}
}

// liveMembers returns the group's live members by id.
func (s *store) liveMembers(g *group) []*user {
	out := make([]*user, 0, len(g.members))
	for id := range g.members {
		if u := s.liveUser(id); u != nil {
			out = append(out, u)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// groupsOf returns the live groups a user is in, by id.
func (s *store) groupsOf(userID uint32) []*group {
	var out []*group
	for _, g := range s.groups {
		if _, ok := g.members[userID]; ok && g.live() {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// setUserGroups replaces the groups a user is in.
func (s *store) setUserGroups(userID uint32, groupIDs []uint32) {
	for _, g := range s.groups {
		delete(g.members, userID)
	}
	for _, id := range groupIDs {
		if g := s.groups[id]; g != nil {
			g.members[userID] = struct{}{}
		}
	}
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
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func sortedIDs(set map[uint32]struct{}) []uint32 {
	out := make([]uint32, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func setOf(ids []uint32) map[uint32]struct{} {
	out := make(map[uint32]struct{}, len(ids))
	for _, id := range ids {
		out[id] = struct{}{}
	}
	return out
}
