package tykaistudio

import (
	"slices"
	"strings"
	"testing"

	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A member filter reads that user's groups (GET /users/{id}/groups) and reads only those in full, not
// every group.
func TestContractListGroupsByMemberReadsOnlyTheirGroups(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	ada, bob := c.user("ada@example.com", nil), c.user("bob@example.com", nil)
	c.group("eng", []string{ada.ID, bob.ID}, nil)
	c.group("ops", []string{bob.ID}, nil)
	var others []string
	for _, name := range []string{"a", "b", "c", "d"} {
		others = append(others, c.group("empty-"+name, nil, nil).ID)
	}
	c.mock.Log().Reset()
	groups, err := c.client.ListGroups(c.ctx, platform.GroupFilter{MemberID: ada.ID})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range groups {
		names = append(names, g.Name)
	}
	if !slices.Equal(names, []string{"Default", "eng"}) {
		t.Errorf("ada's groups: %v, want [Default eng]", names)
	}
	for _, e := range c.mock.Log().Entries() {
		if e.Path == "/api/v1/groups" || slices.ContainsFunc(others, func(id string) bool { return strings.HasPrefix(e.Path, "/api/v1/groups/"+id) }) {
			t.Errorf("the member filter read other groups: %s %s", e.Method, e.Path)
		}
	}
	none, err := c.client.ListGroups(c.ctx, platform.GroupFilter{MemberID: "999"})
	if err != nil || len(none) != 0 {
		t.Errorf("groups of a user that does not exist: %+v %v, want none", none, err)
	}
}
