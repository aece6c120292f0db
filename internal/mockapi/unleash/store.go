package unleash

import (
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Seeded objects, as a fresh Unleash creates them.
const (
	AdminUserID       = 1
	AdminUsername     = "admin"
	AdminTokenName    = "admin"
	RoleAdmin         = 1
	RoleEditor        = 2
	RoleViewer        = 3
	DefaultProject    = "default"
	DefaultEnv        = "development"
	createdByAdminAPI = "admin-token"
)

type user struct {
	id int
	// Empty strings mean "not set": Unleash omits those keys from its JSON.
	name, email, username string
	rootRole              int
	passwordSet           bool
	// service marks a service account (Enterprise): the user-admin routes do not show it.
	service   bool
	createdAt time.Time
}

type apiToken struct {
	secret      string
	tokenName   string
	tokenType   string
	environment string
	projects    []string
	expiresAt   *time.Time
	createdAt   time.Time
}

type membership struct {
	joinedAt  time.Time
	createdBy string
}

type group struct {
	id          int
	name        string
	description *string
	mappingsSSO []string
	rootRole    *int
	createdBy   string
	createdAt   time.Time
	members     map[int]membership
	// projectRoles are the group's group_role rows: project, then role id, then when it was added. The
	// rows go with the group (ON DELETE CASCADE).
	projectRoles map[string]map[int]time.Time
}

type role struct {
	id          int
	name        string
	roleType    string
	description string
}

// store is the mock's database. Deleted users are removed from users (their id is never reused, since the
// sequences only grow), which is what the soft delete amounts to for every API the mock serves.
type store struct {
	users        *mockapi.Table[int, *user]
	tokens       []*apiToken
	groups       *mockapi.Table[int, *group]
	pats         *mockapi.Table[int, *pat]
	roles        []role
	environments map[string]bool
	projects     map[string]bool
	userIDs      mockapi.Serial
	groupIDs     mockapi.Serial
	patIDs       mockapi.Serial
}

func newStore(now time.Time, adminToken string) *store {
	st := &store{
		users:        mockapi.NewTable[int, *user](),
		groups:       mockapi.NewTable[int, *group](),
		pats:         mockapi.NewTable[int, *pat](),
		environments: map[string]bool{"development": true, "production": true},
		projects:     map[string]bool{DefaultProject: true},
		roles: []role{
			{RoleAdmin, "Admin", "root", "Users with the root admin role have superuser access to Unleash and can perform any operation within the Unleash platform."},
			{RoleEditor, "Editor", "root", "Users with the root editor role have access to most features in Unleash, but can not manage users and roles in the root scope. Editors will be added as project owners when creating projects and get superuser rights within the context of these projects. Users with the editor role will also get access to most permissions on the default project by default."},
			{RoleViewer, "Viewer", "root", "Users with the root viewer role can only read root resources in Unleash. Viewers can be added to specific projects as project members. Users with the viewer role may not view API tokens."},
			{4, "Owner", "project", "Users with the project owner role have full control over the project, and can add and manage other users within the project context, manage feature flags within the project, and control advanced project features like archiving and deleting the project."},
			{5, "Member", "project", "Users with the project member role are allowed to view, create, and update feature flags within a project, but have limited permissions in regards to managing the project's user access and can not archive or delete the project."},
			{6, "Reader", "project", "Users with the project reader role have read-only access to the project and cannot make changes."},
		},
	}
	st.users.Put(AdminUserID, &user{id: AdminUserID, username: AdminUsername, rootRole: RoleAdmin, passwordSet: true, createdAt: now})
	st.userIDs.Skip(AdminUserID)
	st.tokens = append(st.tokens, &apiToken{
		secret: adminToken, tokenName: AdminTokenName, tokenType: "admin", environment: "*",
		projects: []string{"*"}, createdAt: now,
	})
	return st
}

// isRootRole reports whether a root role has that id.
func (st *store) isRootRole(id int) bool {
	for _, r := range st.roles {
		if r.id == id && r.roleType == "root" {
			return true
		}
	}
	return false
}

// projectRoles are the roles a group or user can hold in a project: PROJECT_ROLE_TYPES, predefined and custom.
func (st *store) projectRoles() []role {
	var out []role
	for _, r := range st.roles {
		if r.roleType == "project" || r.roleType == "custom" {
			out = append(out, r)
		}
	}
	return out
}

// rootRoleNamed resolves a role name the way the access service does: only root roles count.
func (st *store) rootRoleNamed(name string) (role, bool) {
	for _, r := range st.roles {
		if r.name == name && r.roleType == "root" {
			return r, true
		}
	}
	return role{}, false
}

func (st *store) rootRoles() []role {
	var out []role
	for _, r := range st.roles {
		if r.roleType == "root" {
			out = append(out, r)
		}
	}
	return out
}

// person returns the user with that id unless it is a service account, which the user-admin routes do not show.
func (st *store) person(id int) *user {
	if u := st.users.Get(id); u != nil && !u.service {
		return u
	}
	return nil
}

func (st *store) userByEmail(email string) *user {
	return st.users.Find(func(u *user) bool { return email != "" && u.email == email })
}

func (st *store) userByUsername(username string) *user {
	return st.users.Find(func(u *user) bool { return username != "" && u.username == username })
}

// deleteUser removes a user and its group memberships, as the soft delete and wipeUserPermissions do.
func (st *store) deleteUser(id int) {
	st.users.Delete(id)
	for _, g := range st.groups.Rows() {
		delete(g.members, id)
	}
}

// tokenIndex finds a token by its secret, which is how PUT and DELETE address it; -1 when there is none.
func (st *store) tokenIndex(key string) int {
	for i, t := range st.tokens {
		if t.secret == key {
			return i
		}
	}
	return -1
}
