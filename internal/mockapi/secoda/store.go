package secoda

import (
	"sort"
	"time"
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
	seq         int64 // creation order, for stable listings
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
	seq       int64
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
	seq         int64
}

// store is the whole state. Every method expects the Server's lock to be held.
type store struct {
	groups  map[string]*group
	users   map[string]*user
	teams   map[string]*team
	nextSeq int64

	// One membership relation, indexed from both sides so that Group.users and User.user_groups are
	// always the same facts and neither needs a scan.
	groupUsers map[string]map[string]struct{}
	userGroups map[string]map[string]struct{}
}

func newStore() *store {
	return &store{
		groups:     map[string]*group{},
		users:      map[string]*user{},
		teams:      map[string]*team{},
		groupUsers: map[string]map[string]struct{}{},
		userGroups: map[string]map[string]struct{}{},
	}
}

func (s *store) seq() int64 {
	s.nextSeq++
	return s.nextSeq
}

func (s *store) addGroup(g *group) {
	g.seq = s.seq()
	s.groups[g.id] = g
}

func (s *store) addUser(u *user) {
	u.seq = s.seq()
	if u.teams == nil {
		u.teams = map[string]struct{}{}
	}
	s.users[u.id] = u
}

func (s *store) addTeam(t *team) {
	t.seq = s.seq()
	s.teams[t.id] = t
}

func (s *store) addMember(groupID, userID string) {
	if s.groupUsers[groupID] == nil {
		s.groupUsers[groupID] = map[string]struct{}{}
	}
	if s.userGroups[userID] == nil {
		s.userGroups[userID] = map[string]struct{}{}
	}
	s.groupUsers[groupID][userID] = struct{}{}
	s.userGroups[userID][groupID] = struct{}{}
}

func (s *store) removeMember(groupID, userID string) {
	delete(s.groupUsers[groupID], userID)
	delete(s.userGroups[userID], groupID)
}

// setGroupUsers replaces a group's members (Group.users written).
func (s *store) setGroupUsers(groupID string, userIDs []string) {
	for id := range s.groupUsers[groupID] {
		s.removeMember(groupID, id)
	}
	for _, id := range userIDs {
		s.addMember(groupID, id)
	}
}

// setUserGroups replaces a user's groups (User.user_groups written).
func (s *store) setUserGroups(userID string, groupIDs []string) {
	for id := range s.userGroups[userID] {
		s.removeMember(id, userID)
	}
	for _, id := range groupIDs {
		s.addMember(id, userID)
	}
}

// deleteGroup drops the group and strips it from every member's user_groups.
func (s *store) deleteGroup(id string) {
	for userID := range s.groupUsers[id] {
		delete(s.userGroups[userID], id)
	}
	delete(s.groupUsers, id)
	delete(s.groups, id)
}

// deleteUser drops the user and strips it from every group's users.
func (s *store) deleteUser(id string) {
	for groupID := range s.userGroups[id] {
		delete(s.groupUsers[groupID], id)
	}
	delete(s.userGroups, id)
	delete(s.users, id)
}

// userByEmail finds a user, disabled ones included, by email ignoring case: a deactivated member
// still holds its address.
func (s *store) userByEmail(email string) *user {
	want := foldEmail(email)
	for _, u := range s.users {
		if foldEmail(u.email) == want {
			return u
		}
	}
	return nil
}

func (s *store) sortedGroups() []*group {
	out := make([]*group, 0, len(s.groups))
	for _, g := range s.groups {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

func (s *store) sortedUsers() []*user {
	out := make([]*user, 0, len(s.users))
	for _, u := range s.users {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

func (s *store) sortedTeams() []*team {
	out := make([]*team, 0, len(s.teams))
	for _, t := range s.teams {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

// membersOf lists a group's users, in the order they joined the workspace.
func (s *store) membersOf(groupID string) []string {
	return s.orderedUsers(s.groupUsers[groupID])
}

func (s *store) groupsOf(userID string) []string {
	ids := make([]*group, 0, len(s.userGroups[userID]))
	for id := range s.userGroups[userID] {
		if g := s.groups[id]; g != nil {
			ids = append(ids, g)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i].seq < ids[j].seq })
	out := make([]string, len(ids))
	for i, g := range ids {
		out[i] = g.id
	}
	return out
}

func (s *store) orderedUsers(set map[string]struct{}) []string {
	us := make([]*user, 0, len(set))
	for id := range set {
		if u := s.users[id]; u != nil {
			us = append(us, u)
		}
	}
	sort.Slice(us, func(i, j int) bool { return us[i].seq < us[j].seq })
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.id
	}
	return out
}

func setOf(items []string) map[string]struct{} {
	out := make(map[string]struct{}, len(items))
	for _, it := range items {
		out[it] = struct{}{}
	}
	return out
}
