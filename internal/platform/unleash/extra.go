package unleash

import (
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// UserExtra holds the user fields only Unleash has (the `unleash` block of roster_user).
type UserExtra struct {
	// Username is the login name; "" means none. Unleash cannot change it after create (a PUT silently
	// ignores it), so the provider replaces the user when it changes. Read reports the server's value.
	Username string
	// SendEmail asks Unleash to e-mail an invite on create; nil means false. It is always sent, because the
	// server's own default is true. Read leaves it nil: Unleash does not keep it.
	SendEmail *bool
}

// GroupExtra holds the group fields only Unleash has (the `unleash` block of roster_user_group).
type GroupExtra struct {
	// RootRole is the root role given to every member: a name (Admin, Editor, Viewer) or a role id. nil leaves
	// it unmanaged; "" clears it. Read reports the name for the built-in roles and the id otherwise.
	RootRole *string
	// SSOMappings are SSO group names mapped onto the group; nil leaves them unmanaged. Read reports them
	// sorted, [] when there are none.
	SSOMappings []string
	// ProjectRoles maps project ids to the names of the group's roles there (Owner, Member, Reader or a
	// custom project role); nil leaves project access unmanaged, and a managed map is the whole of it (a
	// project left out loses the group). Read fills it only through ReadGroupDetails, names and projects
	// sorted.
	ProjectRoles map[string][]string
}

// APIKeyExtra holds the API token fields only Unleash has (the `unleash` block of roster_api_key).
type APIKeyExtra struct {
	// Type is client, backend or frontend ("" means backend, the kind Unleash recommends for server SDKs).
	// Admin tokens cannot be created since Unleash 8. Read normalises backend to client, because Unleash
	// lists backend tokens as client tokens; the admin bootstrap token reads as "admin".
	Type string
	// Environment is the one environment the token works in; "" means the server default (development).
	Environment string
	// Projects limits the token to projects; nil means all (["*"]). Read reports them sorted.
	Projects []string
}

// Platform implements platform.Extra.
func (UserExtra) Platform() platform.Name { return Name }

// Platform implements platform.Extra.
func (GroupExtra) Platform() platform.Name { return Name }

// Platform implements platform.Extra.
func (APIKeyExtra) Platform() platform.Name { return Name }
