package tykaistudio

import "github.com/rosterhq/terraform-provider-roster/internal/platform"

var (
	_ platform.DeletionGuard      = (*Client)(nil)
	_ platform.GroupMembersKeeper = (*Client)(nil)
)

// GroupDeletionRefused implements platform.DeletionGuard: Tyk AI Studio answers 400 to deleting its
// built-in Default group, which every new user joins.
func (c *Client) GroupDeletionRefused(name string) string {
	if IsDefaultGroupName(name) {
		return "Tyk AI Studio's built-in " + name + " group cannot be deleted (every new user joins it); remove it from the configuration with a `removed` block or `terraform state rm` instead"
	}
	return ""
}

// PlatformKeepsMembers implements platform.GroupMembersKeeper: Tyk AI Studio puts every new user in the
// Default group, so an import does not make its members authoritative.
func (c *Client) PlatformKeepsMembers(name string) bool { return IsDefaultGroupName(name) }
