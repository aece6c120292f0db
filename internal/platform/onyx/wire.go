package onyx

// Wire structs mirror the JSON of both generations. Where a field was renamed between them
// (curator_ids/manager_ids, role/account_type/is_admin, api_key_role/groups) both names are read, so
// reads never need to know the generation. Response structs list only what the client maps.

// groupWire is a UserGroup.
type groupWire struct {
	ID              int          `json:"id"`
	Name            string       `json:"name"`
	Users           []memberWire `json:"users"`
	CuratorIDs      []string     `json:"curator_ids"` // v4.6
	ManagerIDs      []string     `json:"manager_ids"` // current
	CCPairs         []idOnly     `json:"cc_pairs"`
	IsUpToDate      bool         `json:"is_up_to_date"`
	IsUpForDeletion bool         `json:"is_up_for_deletion"`
	IsDefault       bool         `json:"is_default"`
	// IncognitoEnabled is in both generations. (The current list's "permissions" map is what the caller may
	// do with the group, not what the group grants: GET …/{id}/permissions has that.)
	IncognitoEnabled bool `json:"incognito_enabled"`
}

// memberWire is a UserInfo inside a group's users.
type memberWire struct {
	ID          string `json:"id"`
	Email       string `json:"email"`
	AccountType string `json:"account_type"` // current only
}

type idOnly struct {
	ID int `json:"id"`
}

// groupCreate is the body of POST /manage/admin/user-group: all three fields are required.
type groupCreate struct {
	Name      string   `json:"name"`
	UserIDs   []string `json:"user_ids"`
	CCPairIDs []int    `json:"cc_pair_ids"`
}

// groupPatch is the body of PATCH /manage/admin/user-group/{id}: both lists are required and both
// replace the stored ones.
type groupPatch struct {
	UserIDs   []string `json:"user_ids"`
	CCPairIDs []int    `json:"cc_pair_ids"`
}

// groupRename is the body of PATCH /manage/admin/user-group/rename (the id is in the body).
type groupRename struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// curatorRequest is v4.6's body of POST …/{id}/set-curator.
type curatorRequest struct {
	UserID    string `json:"user_id"`
	IsCurator bool   `json:"is_curator"`
}

// managerRequest is the current body of PUT …/{id}/manager.
type managerRequest struct {
	UserID    string `json:"user_id"`
	IsManager bool   `json:"is_manager"`
}

// permissionsRequest is the current body of PUT …/{id}/permissions: the toggleable grants, all of them.
type permissionsRequest struct {
	Permissions []string `json:"permissions"`
}

// permissionToggle is v4.6's body of PUT …/{id}/permissions, and its answer: one grant on or off.
type permissionToggle struct {
	Permission string `json:"permission"`
	Enabled    bool   `json:"enabled"`
}

// incognitoRequest is the body of PATCH …/{id}/incognito.
type incognitoRequest struct {
	Enabled bool `json:"enabled"`
}

// fullUserWire is a FullUserSnapshot of the admin user lists.
type fullUserWire struct {
	ID           string  `json:"id"`
	Email        string  `json:"email"`
	IsActive     bool    `json:"is_active"`
	Role         string  `json:"role"`     // v4.6
	IsAdmin      *bool   `json:"is_admin"` // current
	AccountType  string  `json:"account_type"`
	PersonalName *string `json:"personal_name"`
}

type emailOnly struct {
	Email string `json:"email"`
}

// allUsersWire is GET /manage/users: accepted users, pending invitations and Slack-only users.
type allUsersWire struct {
	Accepted        []fullUserWire `json:"accepted"`
	Invited         []emailOnly    `json:"invited"`
	SlackUsers      []fullUserWire `json:"slack_users"`
	AcceptedPages   int            `json:"accepted_pages"`
	InvitedPages    int            `json:"invited_pages"`
	SlackUsersPages int            `json:"slack_users_pages"`
}

// userByEmail is the body of the admin routes keyed by email.
type userByEmail struct {
	UserEmail string `json:"user_email"`
}

type inviteRequest struct {
	Emails []string `json:"emails"`
}

// setRoleRequest is v4.6's PATCH /manage/set-user-role.
type setRoleRequest struct {
	UserEmail        string `json:"user_email"`
	NewRole          string `json:"new_role"`
	ExplicitOverride bool   `json:"explicit_override"`
}

// adminAccessRequest is the current PATCH /manage/admin/users/admin-access.
type adminAccessRequest struct {
	UserEmail string `json:"user_email"`
	IsAdmin   bool   `json:"is_admin"`
}

// keyWire is an ApiKeyDescriptor. api_key holds the plaintext only on create and regenerate.
type keyWire struct {
	ID      int       `json:"api_key_id"`
	Display string    `json:"api_key_display"`
	Secret  *string   `json:"api_key"`
	Name    *string   `json:"api_key_name"`
	Role    *string   `json:"api_key_role"` // v4.6
	Groups  *[]idOnly `json:"groups"`       // current
	UserID  string    `json:"user_id"`
}

// keyArgsV46 is v4.6's APIKeyArgs. An empty role is left out, so the server applies its default.
type keyArgsV46 struct {
	Name string `json:"name"`
	Role string `json:"role,omitempty"`
}

// keyArgsCurrent is the current APIKeyArgs; group_ids must never be null.
type keyArgsCurrent struct {
	Name     string `json:"name"`
	GroupIDs []int  `json:"group_ids"`
}
