package onyx

import (
	"testing"

	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Empty lists clear: the provider sends them when an attribute leaves the configuration, while members stay
// unmanaged (nil).
func TestContractEmptyListsClearCuratorsAndConnectors(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		created := c.group("eng", []string{ada, grace}, &GroupExtra{CCPairIDs: []string{"1"}, CuratorIDs: []string{grace}})
		updated, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "eng",
			Extra: GroupExtra{CCPairIDs: []string{}, CuratorIDs: []string{}}})
		if err != nil {
			t.Fatal(err)
		}
		want := platform.Group{ID: created.ID, Name: "eng", Members: []string{ada, grace},
			Extra: GroupExtra{CCPairIDs: []string{}, CuratorIDs: []string{}, IncognitoEnabled: ptr(false)}}
		assertEqual(t, "cleared", updated, want)
		read, err := c.client.ReadGroup(c.ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, "read after clearing", read, want)
	})
}
