package authentik

import (
	"encoding/json"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// GroupExtra holds the group fields only authentik has (the `authentik` block of roster_user_group).
//
// In a spec, a nil pointer or slice means "Terraform does not manage it, do not send it". Read always
// returns a GroupExtra value (not a pointer) with every field filled; Parents and Roles are sorted.
type GroupExtra struct {
	IsSuperuser *bool
	// Parents holds group uuids.
	Parents []string
	// Roles holds role uuids.
	Roles []string
	// Attributes is a JSON object.
	Attributes json.RawMessage
}

// UserExtra holds the user fields only authentik has (the `authentik` block of roster_user). Read always
// returns a UserExtra value with every field filled.
type UserExtra struct {
	// Username is the login name. On create "" means "use the email"; on update "" leaves it unchanged.
	Username string
	// Path is the folder of the user in the admin UI; "" means the server default ("users") on create and
	// "unchanged" on update.
	Path string
	// Type is internal, external or service_account; "" means the server default (internal) on create and
	// "unchanged" on update.
	Type string
	// Attributes is a JSON object; nil leaves it unmanaged.
	Attributes json.RawMessage
	// Roles holds the uuids of the RBAC roles assigned to the user directly (not through a group); nil
	// leaves them unmanaged. Read returns them sorted.
	Roles []string
}

// APIKeyExtra holds the token fields only authentik has (the `authentik` block of roster_api_key). Read
// always returns an APIKeyExtra value with every field filled.
type APIKeyExtra struct {
	// Intent is "api" (the default when "") or "app_password".
	Intent string
	// Expiring is nil for the server default (true).
	Expiring *bool
}

// Platform implements platform.Extra.
func (GroupExtra) Platform() platform.Name { return Name }

// Platform implements platform.Extra.
func (UserExtra) Platform() platform.Name { return Name }

// Platform implements platform.Extra.
func (APIKeyExtra) Platform() platform.Name { return Name }
