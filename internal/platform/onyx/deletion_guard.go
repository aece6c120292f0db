package onyx

// GroupDeletionRefused implements platform.DeletionGuard: Onyx answers 409 to deleting its default
// groups, which hold its admins (Admin) and every new user (Basic).
func (c *Client) GroupDeletionRefused(name string) string {
	if IsDefaultGroupName(name) {
		return "Onyx's default " + name + " group cannot be deleted (Onyx answers 409 \"Cannot delete a default system group\"); " +
			"stop managing it with a `removed` block or `terraform state rm` instead of destroying it"
	}
	return ""
}
