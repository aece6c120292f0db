package provider

import (
	"cmp"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// The list data sources sort what the platform returns: most APIs list in creation order, which parallel
// creates make vary from run to run, and a list that reorders itself is a diff in everything that reads it.

func sortUsers(users []platform.User) {
	slices.SortStableFunc(users, func(a, b platform.User) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email)), strings.Compare(a.ID, b.ID))
	})
}

func sortGroups(groups []platform.Group) {
	slices.SortStableFunc(groups, func(a, b platform.Group) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
}

func sortAPIKeys(keys []platform.APIKey) {
	slices.SortStableFunc(keys, func(a, b platform.APIKey) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
}
