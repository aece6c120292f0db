package secoda

import (
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// GroupExtra holds the group fields only Secoda has (the `secoda` block of roster_user_group).
//
// In a spec, a nil Icon means "Terraform does not manage it, do not send it". Read always returns a
// GroupExtra value (not a pointer) with Icon set, "" when the server has none.
type GroupExtra struct {
	// Icon is the group's emoji.
	Icon *string
}

// UserExtra holds the user fields only Secoda has (the `secoda` block of roster_user).
type UserExtra struct {
	// Teams holds team uuids; nil leaves them unmanaged. Secoda requires at least one when the role is
	// guest. The documented user object does not return teams, so Read reports nil unless the server
	// does send them; the provider keeps the configured value.
	Teams []string
	// Pending is read-only: true until the invitee first signs in.
	Pending bool
}

// Platform implements platform.Extra.
func (GroupExtra) Platform() platform.Name { return Name }

// Platform implements platform.Extra.
func (UserExtra) Platform() platform.Name { return Name }
