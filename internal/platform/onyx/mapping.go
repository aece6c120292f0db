package onyx

import (
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// groupFromWire maps a group to the neutral type. Members are the emails (lower-cased, the users'
// ids) of the people in users[]; API keys' service accounts are left out: keys join groups through
// their own settings, and reporting them would show as membership drift on every plan.
func groupFromWire(g groupWire) platform.Group {
	members := []string{}
	emailOf := make(map[string]string, len(g.Users))
	for _, u := range g.Users {
		emailOf[u.ID] = userID(u.Email)
		if !isServiceAccount(u) {
			members = append(members, userID(u.Email))
		}
	}
	curators := []string{}
	for _, id := range g.curatorIDs() {
		if email, ok := emailOf[id]; ok {
			curators = append(curators, email)
		} else {
			curators = append(curators, id) // not in users[]: the server would not do that; show the raw id
		}
	}
	incognito := g.IncognitoEnabled
	return platform.Group{
		ID:      strconv.Itoa(g.ID),
		Name:    g.Name,
		Members: sortedSet(members),
		Extra:   GroupExtra{CCPairIDs: formatIDs(g.ccPairIDs()), CuratorIDs: sortedSet(curators), IncognitoEnabled: &incognito},
	}
}

// curatorIDs are the uuids of the curators (v4.6) or managers (current).
func (g groupWire) curatorIDs() []string {
	return append(append([]string{}, g.CuratorIDs...), g.ManagerIDs...)
}

func (g groupWire) ccPairIDs() []int {
	ids := make([]int, 0, len(g.CCPairs))
	for _, cc := range g.CCPairs {
		ids = append(ids, cc.ID)
	}
	return ids
}

func (g groupWire) userIDs() []string {
	ids := make([]string, 0, len(g.Users))
	for _, u := range g.Users {
		ids = append(ids, u.ID)
	}
	return ids
}

// serviceAccountIDs are the uuids of the API keys' users in the group, which a membership write
// must keep.
func (g groupWire) serviceAccountIDs() []string {
	var ids []string
	for _, u := range g.Users {
		if isServiceAccount(u) {
			ids = append(ids, u.ID)
		}
	}
	return ids
}

// roleOf is the portable role of a signed-up user: v4.6's own role, or on the current generation
// admin when the user is in the Admin group, else basic.
func roleOf(u fullUserWire) string {
	if u.IsAdmin != nil {
		if *u.IsAdmin {
			return roleAdmin
		}
		return roleBasic
	}
	if u.Role == "" {
		return roleBasic
	}
	return strings.ToLower(u.Role)
}

// userFromWire maps a signed-up user.
func userFromWire(u fullUserWire) platform.User {
	status := StatusActive
	if !u.IsActive {
		status = StatusDeactivated
	}
	name := ""
	if u.PersonalName != nil {
		name = *u.PersonalName
	}
	return platform.User{ID: userID(u.Email), Email: u.Email, Name: name, Role: roleOf(u), Active: u.IsActive,
		Extra: UserExtra{Status: status}}
}

// invitedUser maps a pending invitation. It reports the role and activity the person gets on
// signing up (basic, active), so a configuration that asks for those does not change at sign-up.
func invitedUser(email string) platform.User {
	return platform.User{ID: userID(email), Email: email, Role: roleBasic, Active: true, Extra: UserExtra{Status: StatusInvited}}
}

// keyFromWire maps a key. Secret is filled only where the answer carries the plaintext (create and
// regenerate). Extra reports the field of the generation the answer comes from.
func keyFromWire(k keyWire) platform.APIKey {
	out := platform.APIKey{ID: strconv.Itoa(k.ID)}
	if k.Name != nil {
		out.Name = *k.Name
	}
	if k.Secret != nil {
		out.Secret = *k.Secret
	}
	extra := APIKeyExtra{}
	if k.Role != nil {
		extra.Role = strings.ToLower(*k.Role)
	}
	if k.Groups != nil {
		ids := make([]int, 0, len(*k.Groups))
		for _, g := range *k.Groups {
			ids = append(ids, g.ID)
		}
		extra.GroupIDs = formatIDs(ids)
	}
	out.Extra = extra
	return out
}
