package authentik

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Response shapes, field for field from the OpenAPI schema (Group, User, Token and their partial
// forms). Nullable "*_obj" lists are pointers so that "null" is written, never omitted.

type roleJSON struct {
	PK   string `json:"pk"`
	Name string `json:"name"`
}

type relatedGroupJSON struct {
	PK          string          `json:"pk"`
	Name        string          `json:"name"`
	IsSuperuser bool            `json:"is_superuser"`
	Attributes  json.RawMessage `json:"attributes"`
	GroupUUID   string          `json:"group_uuid"`
}

type partialUserJSON struct {
	PK         int             `json:"pk"`
	Username   string          `json:"username"`
	Name       string          `json:"name"`
	IsActive   bool            `json:"is_active"`
	LastLogin  *string         `json:"last_login"`
	Email      string          `json:"email"`
	Attributes json.RawMessage `json:"attributes"`
	UID        string          `json:"uid"`
}

type groupJSON struct {
	PK                string              `json:"pk"`
	NumPK             int                 `json:"num_pk"`
	Name              string              `json:"name"`
	IsSuperuser       bool                `json:"is_superuser"`
	Parents           []string            `json:"parents"`
	ParentsObj        *[]relatedGroupJSON `json:"parents_obj"`
	Users             []int               `json:"users"`
	UsersObj          *[]partialUserJSON  `json:"users_obj"`
	Attributes        json.RawMessage     `json:"attributes"`
	Roles             []string            `json:"roles"`
	RolesObj          []roleJSON          `json:"roles_obj"`
	InheritedRolesObj *[]roleJSON         `json:"inherited_roles_obj"`
	Children          []string            `json:"children"`
	ChildrenObj       *[]relatedGroupJSON `json:"children_obj"`
}

type partialGroupJSON struct {
	PK          string          `json:"pk"`
	NumPK       int             `json:"num_pk"`
	Name        string          `json:"name"`
	IsSuperuser bool            `json:"is_superuser"`
	Attributes  json.RawMessage `json:"attributes"`
}

type userJSON struct {
	PK                 int                 `json:"pk"`
	Username           string              `json:"username"`
	Name               string              `json:"name"`
	IsActive           bool                `json:"is_active"`
	LastLogin          *string             `json:"last_login"`
	DateJoined         string              `json:"date_joined"`
	IsSuperuser        bool                `json:"is_superuser"`
	Groups             []string            `json:"groups"`
	GroupsObj          *[]partialGroupJSON `json:"groups_obj"`
	Roles              []string            `json:"roles"`
	RolesObj           *[]roleJSON         `json:"roles_obj"`
	Email              string              `json:"email"`
	Avatar             string              `json:"avatar"`
	Attributes         json.RawMessage     `json:"attributes"`
	UID                string              `json:"uid"`
	Path               string              `json:"path"`
	Type               string              `json:"type"`
	UUID               string              `json:"uuid"`
	PasswordChangeDate string              `json:"password_change_date"`
	LastUpdated        string              `json:"last_updated"`
}

type tokenJSON struct {
	PK          string   `json:"pk"`
	Managed     *string  `json:"managed"`
	Identifier  string   `json:"identifier"`
	Intent      string   `json:"intent"`
	User        int      `json:"user"`
	UserObj     userJSON `json:"user_obj"`
	Description string   `json:"description"`
	Expires     *string  `json:"expires"`
	Expiring    bool     `json:"expiring"`
}

// defaultAvatar is what authentik serves for a user without a configured avatar source.
const defaultAvatar = "/static/dist/assets/images/user_default.png"

// queryFlag reads an include_* flag the way authentik does: only the string "true", in any case,
// is true, so "1" and "yes" are false.
func queryFlag(r *http.Request, name string, def bool) bool {
	v, ok := r.URL.Query()[name]
	if !ok || len(v) == 0 {
		return def
	}
	return strings.EqualFold(v[len(v)-1], "true")
}

type groupFlags struct{ users, children, parents, inheritedRoles bool }

func groupFlagsOf(r *http.Request) groupFlags {
	return groupFlags{
		users:          queryFlag(r, "include_users", true),
		children:       queryFlag(r, "include_children", false),
		parents:        queryFlag(r, "include_parents", false),
		inheritedRoles: queryFlag(r, "include_inherited_roles", false),
	}
}

type userFlags struct{ groups, roles bool }

func userFlagsOf(r *http.Request) userFlags {
	return userFlags{groups: queryFlag(r, "include_groups", true), roles: queryFlag(r, "include_roles", true)}
}

func (s *store) renderGroup(g *group, f groupFlags) groupJSON {
	parents := s.groupsOf(g.parents)
	children := s.children(g.uuid)
	members := s.membersOf(g.uuid)
	out := groupJSON{
		PK:          g.uuid,
		NumPK:       numPK(g.uuid),
		Name:        g.name,
		IsSuperuser: g.isSuperuser,
		Parents:     groupUUIDs(parents),
		Users:       members,
		Attributes:  g.attributes,
		Children:    groupUUIDs(children),
	}
	roles := s.rolesOf(g.roles)
	out.Roles, out.RolesObj = mockapi.Each(roles, roleUUID), roleObjs(roles)
	if f.parents {
		objs := mockapi.Each(parents, relatedGroup)
		out.ParentsObj = &objs
	}
	if f.children {
		objs := mockapi.Each(children, relatedGroup)
		out.ChildrenObj = &objs
	}
	if f.users {
		objs := make([]partialUserJSON, 0, len(members))
		for _, pk := range members {
			if u := s.users.Get(pk); u != nil {
				objs = append(objs, renderPartialUser(u))
			}
		}
		out.UsersObj = &objs
	}
	if f.inheritedRoles {
		objs := s.inheritedRoles(g)
		out.InheritedRolesObj = &objs
	}
	return out
}

// inheritedRoles are the roles of the group's ancestors that the group does not hold itself.
func (s *store) inheritedRoles(g *group) []roleJSON {
	all := map[string]struct{}{}
	for a := range s.ancestors(g.parents) {
		if anc := s.groups.Get(a); anc != nil && anc != g {
			for r := range anc.roles {
				if _, direct := g.roles[r]; !direct {
					all[r] = struct{}{}
				}
			}
		}
	}
	return roleObjs(s.rolesOf(all))
}

func groupUUIDs(gs []*group) []string {
	return mockapi.Each(gs, func(g *group) string { return g.uuid })
}

func roleUUID(r *role) string { return r.uuid }

func roleObjs(rs []*role) []roleJSON {
	return mockapi.Each(rs, func(r *role) roleJSON { return roleJSON{PK: r.uuid, Name: r.name} })
}

func relatedGroup(g *group) relatedGroupJSON {
	return relatedGroupJSON{PK: g.uuid, Name: g.name, IsSuperuser: g.isSuperuser, Attributes: g.attributes, GroupUUID: g.uuid}
}

func renderPartialUser(u *user) partialUserJSON {
	return partialUserJSON{
		PK: u.pk, Username: u.username, Name: u.name, IsActive: u.isActive,
		LastLogin: formatTimePtr(u.lastLogin), Email: u.email, Attributes: u.attributes, UID: userUID(u.pk),
	}
}

func (s *store) renderUser(u *user, f userFlags) userJSON {
	groups := s.groupsOf(s.members.To(u.pk))
	roles := s.rolesOf(u.roles)
	out := userJSON{
		PK:                 u.pk,
		Username:           u.username,
		Name:               u.name,
		IsActive:           u.isActive,
		LastLogin:          formatTimePtr(u.lastLogin),
		DateJoined:         formatTime(u.dateJoined),
		IsSuperuser:        s.userIsSuperuser(u.pk),
		Groups:             groupUUIDs(groups),
		Roles:              mockapi.Each(roles, roleUUID),
		Email:              u.email,
		Avatar:             defaultAvatar,
		Attributes:         u.attributes,
		UID:                userUID(u.pk),
		Path:               u.path,
		Type:               u.userType,
		UUID:               u.uuid,
		PasswordChangeDate: formatTime(u.passwordChangeDate),
		LastUpdated:        formatTime(u.lastUpdated),
	}
	if f.groups {
		objs := mockapi.Each(groups, func(g *group) partialGroupJSON {
			return partialGroupJSON{PK: g.uuid, NumPK: numPK(g.uuid), Name: g.name, IsSuperuser: g.isSuperuser, Attributes: g.attributes}
		})
		out.GroupsObj = &objs
	}
	if f.roles {
		objs := roleObjs(roles)
		out.RolesObj = &objs
	}
	return out
}

func (s *store) renderToken(t *token, f userFlags) tokenJSON {
	out := tokenJSON{
		PK: t.uuid, Managed: t.managed, Identifier: t.identifier, Intent: t.intent, User: t.user,
		Description: t.description, Expires: formatTimePtr(t.expires), Expiring: t.expiring,
	}
	if u := s.users.Get(t.user); u != nil {
		out.UserObj = s.renderUser(u, f)
	}
	return out
}
