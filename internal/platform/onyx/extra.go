package onyx

import (
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// GroupExtra holds the group fields only Onyx has (the `onyx` block of roster_user_group). In a spec a
// nil slice is unmanaged: an update sends the stored value back. Read fills both, sorted, never nil.
type GroupExtra struct {
	// CCPairIDs are the connector-credential pairs whose documents the group may see (decimal ids).
	CCPairIDs []string
	// CuratorIDs are the emails of the group's curators (v4.6 curator_ids) or managers (current
	// manager_ids). Each must also be a member.
	CuratorIDs []string
	// Permissions are what the group grants its members besides basic, which every Onyx group grants (sorted;
	// nil = unmanaged). The list of groups does not carry them: ReadGroup leaves them nil and ReadGroupDetails
	// reads them, one request per group.
	Permissions []string
	// IncognitoEnabled lets the members start incognito chats when Onyx limits those to groups (nil =
	// unmanaged). Read fills it.
	IncognitoEnabled *bool
	// PendingMembers is read-only: the members Terraform asked for who have been invited but have not
	// signed up, so cannot join yet (sorted emails; nil when none). A spec's value is ignored.
	PendingMembers []string
}

// UserExtra holds what only Onyx reports about a user.
type UserExtra struct {
	// Status is read-only: "invited" until the person accepts the invitation, then "active" or
	// "deactivated". A spec's value is ignored.
	Status string
}

// APIKeyExtra holds the key fields of the two generations; a key uses one of them.
type APIKeyExtra struct {
	// Role is the key's role on Onyx v4.6 ("" = unmanaged: basic on create, kept on update).
	Role string
	// GroupIDs are the groups the key's service account is in on current Onyx (nil = unmanaged: none
	// on create, kept on update). Permissions come only from these groups: a key in no group is
	// "limited" and can call no admin route; the Admin group's id makes an admin key.
	GroupIDs []string
}

// User statuses reported in UserExtra.Status.
const (
	StatusInvited     = "invited"
	StatusActive      = "active"
	StatusDeactivated = "deactivated"
)

// Platform implements platform.Extra.
func (GroupExtra) Platform() platform.Name { return Name }

// Platform implements platform.Extra.
func (UserExtra) Platform() platform.Name { return Name }

// Platform implements platform.Extra.
func (APIKeyExtra) Platform() platform.Name { return Name }
