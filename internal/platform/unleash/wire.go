package unleash

import (
	"encoding/json"
	"time"
)

// Wire structs: the JSON Unleash sends and accepts, named as in its OpenAPI document. Only the fields the
// client uses are declared; volatile ones (seenAt, loginAttempts, imageUrl, inviteLink) are left out on
// purpose so they can never reach Terraform state.

// userWire is userSchema as GET /api/admin/user-admin[/{id}] returns it. Unset name, email and username are
// absent, not null; rootRole is always the id here (write responses echo what was sent instead: see
// userFromCreated).
type userWire struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Username string `json:"username"`
	RootRole int    `json:"rootRole"`
	// AccountType is "User" or "Service Account" (userSchema's enum).
	AccountType string `json:"accountType"`
}

type usersWire struct {
	Users []userWire `json:"users"`
}

// createdUserWire is the part of createUserResponseSchema the client reads. Only id is required by the
// schema; rootRole echoes the role as sent, an id or a built-in name.
type createdUserWire struct {
	ID       int             `json:"id"`
	Email    *string         `json:"email"`
	Name     *string         `json:"name"`
	Username *string         `json:"username"`
	RootRole json.RawMessage `json:"rootRole"`
}

// userCreate is createUserSchema, which rejects unknown keys. sendEmail is always sent because the server's
// default is true (a real invite mail on servers with SMTP).
type userCreate struct {
	Email     string `json:"email,omitempty"`
	Username  string `json:"username,omitempty"`
	Name      string `json:"name,omitempty"`
	Password  string `json:"password,omitempty"`
	RootRole  any    `json:"rootRole"`
	SendEmail bool   `json:"sendEmail"`
}

// userUpdate is updateUserSchema. Empty strings mean "keep" to Unleash, so omitting them is the same.
type userUpdate struct {
	Email    string `json:"email,omitempty"`
	Name     string `json:"name,omitempty"`
	RootRole any    `json:"rootRole,omitempty"`
}

type passwordWrite struct {
	Password string `json:"password"`
}

// tokenWire is apiTokenSchema. secret is the full v1 secret, or only the selector of a v2 (secure) token in
// lists.
type tokenWire struct {
	Secret      string     `json:"secret"`
	TokenName   string     `json:"tokenName"`
	Type        string     `json:"type"`
	Environment string     `json:"environment"`
	Projects    []string   `json:"projects"`
	ExpiresAt   *time.Time `json:"expiresAt"`
	CreatedAt   *time.Time `json:"createdAt"`
}

type tokensWire struct {
	Tokens []tokenWire `json:"tokens"`
}

// tokenCreate is createApiTokenSchema. The singular `project` is never sent: Unleash strips it silently and
// makes an all-projects token.
type tokenCreate struct {
	TokenName   string     `json:"tokenName"`
	Type        string     `json:"type"`
	Environment string     `json:"environment,omitempty"`
	Projects    []string   `json:"projects,omitempty"`
	ExpiresAt   *time.Time `json:"expiresAt,omitempty"`
}

type tokenUpdate struct {
	ExpiresAt time.Time `json:"expiresAt"`
}

// groupWire is groupSchema. GET /groups/{id} embeds the members; write answers do not.
type groupWire struct {
	ID          int             `json:"id"`
	Name        string          `json:"name"`
	Description *string         `json:"description"`
	MappingsSSO []string        `json:"mappingsSSO"`
	RootRole    *float64        `json:"rootRole"`
	Users       []groupUserWire `json:"users"`
}

type groupUserWire struct {
	User struct {
		ID int `json:"id"`
	} `json:"user"`
}

type groupsWire struct {
	Groups []groupWire `json:"groups"`
}

// groupWrite is createGroupSchema, used for POST and for PUT (which replaces every field, users included).
// description and rootRole are sent as null when empty: Unleash stores null and reads the description back
// as "".
type groupWrite struct {
	Name        string           `json:"name"`
	Description *string          `json:"description"`
	MappingsSSO []string         `json:"mappingsSSO"`
	RootRole    *int             `json:"rootRole"`
	Users       []groupUserWrite `json:"users"`
}

type groupUserWrite struct {
	User groupUserRef `json:"user"`
}

type groupUserRef struct {
	ID int `json:"id"`
}

// groupProjectsList is the group list (groupsSchema) read for the projects each group has roles in.
type groupProjectsList struct {
	Groups []groupProjectsWire `json:"groups"`
}

type groupProjectsWire struct {
	ID       int      `json:"id"`
	Projects []string `json:"projects"`
}

// accessWire is projectAccessSchema, the parts roster reads: the project roles (all of them, whatever the
// project) and the groups with roles in the project.
type accessWire struct {
	Roles  []projectRoleWire `json:"roles"`
	Groups []accessGroupWire `json:"groups"`
}

type projectRoleWire struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

type accessGroupWire struct {
	ID    int   `json:"id"`
	Roles []int `json:"roles"`
}

// setRolesWire is the body of PUT /api/admin/projects/{project}/groups/{group}/roles.
type setRolesWire struct {
	Roles []int `json:"roles"`
}

// serviceAccountWire is the part of serviceAccountSchema the client reads (Enterprise).
type serviceAccountWire struct {
	ID       int       `json:"id"`
	Name     string    `json:"name"`
	Username string    `json:"username"`
	RootRole int       `json:"rootRole"`
	Tokens   []patWire `json:"tokens"`
}

type serviceAccountsWire struct {
	ServiceAccounts []serviceAccountWire `json:"serviceAccounts"`
}

// serviceAccountCreate is createServiceAccountSchema: every field is required, the role is an id.
type serviceAccountCreate struct {
	Username string `json:"username"`
	Name     string `json:"name"`
	RootRole int    `json:"rootRole"`
}

// serviceAccountUpdate is updateServiceAccountSchema.
type serviceAccountUpdate struct {
	Name     string `json:"name,omitempty"`
	RootRole *int   `json:"rootRole,omitempty"`
}

// patWire is patSchema, a service account's token; secret is in the create answer only.
type patWire struct {
	ID          int        `json:"id"`
	Description string     `json:"description"`
	ExpiresAt   *time.Time `json:"expiresAt"`
	UserID      int        `json:"userId"`
	CreatedAt   time.Time  `json:"createdAt"`
	Secret      string     `json:"secret,omitempty"`
}

// patCreate is createPatSchema: both fields are required.
type patCreate struct {
	Description string    `json:"description"`
	ExpiresAt   time.Time `json:"expiresAt"`
}

type patsWire struct {
	PATs []patWire `json:"pats"`
}
