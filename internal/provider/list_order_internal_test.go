package provider

import (
	"slices"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// The list data sources answer in the same order whatever order the platform listed in.
func TestListsSortWhateverThePlatformOrder(t *testing.T) {
	users := []platform.User{{ID: "3", Email: "bob@example.com"}, {ID: "2", Email: "Ada@example.com"}, {ID: "1", Email: "ada@example.com"}}
	sortUsers(users)
	if got := []string{users[0].ID, users[1].ID, users[2].ID}; !slices.Equal(got, []string{"1", "2", "3"}) {
		t.Errorf("users in order %v, want by email ignoring case, then id: [1 2 3]", got)
	}
	groups := []platform.Group{{ID: "b", Name: "ops"}, {ID: "a", Name: "eng"}, {ID: "c", Name: "eng"}}
	sortGroups(groups)
	if got := []string{groups[0].ID, groups[1].ID, groups[2].ID}; !slices.Equal(got, []string{"a", "c", "b"}) {
		t.Errorf("groups in order %v, want by name, then id: [a c b]", got)
	}
	keys := []platform.APIKey{{ID: "9", Name: "ci-two"}, {ID: "8", Name: "ci-one"}, {ID: "7", Name: "ci-one"}}
	sortAPIKeys(keys)
	if got := []string{keys[0].ID, keys[1].ID, keys[2].ID}; !slices.Equal(got, []string{"7", "8", "9"}) {
		t.Errorf("keys in order %v, want by name, then id: [7 8 9]", got)
	}
}
