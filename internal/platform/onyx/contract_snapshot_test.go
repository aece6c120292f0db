package onyx

import (
	"net/http"
	"slices"
	"strconv"
	"testing"

	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Onyx has no read of one group or key, so a process reads each list once, however many objects it reads,
// and its own writes show in its reads without another list.
func TestContractListOncePerProcess(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		var groupIDs, keyIDs []string
		for i := range 5 {
			groupIDs = append(groupIDs, c.group("g"+strconv.Itoa(i), []string{ada}, nil).ID)
			k, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "k" + strconv.Itoa(i), Extra: adminKeyExtra(gen)})
			if err != nil {
				t.Fatal(err)
			}
			keyIDs = append(keyIDs, k.ID)
		}
		if n := c.mock.Log().CountMatching(http.MethodGet, "/api"+keysPath); n != 1 {
			t.Errorf("5 key creates listed the keys %d times, want 1 (before the first)", n)
		}
		if n := c.mock.Log().CountMatching(http.MethodGet, "/api"+allUsersPath); n != 1 {
			t.Errorf("5 group creates read the user directory %d times, want 1", n)
		}

		c.nextCommand()
		c.mock.Log().Reset()
		for i := range groupIDs {
			if _, err := c.client.ReadGroup(c.ctx, groupIDs[i]); err != nil {
				t.Fatal(err)
			}
			if _, err := c.client.ReadAPIKey(c.ctx, keyIDs[i]); err != nil {
				t.Fatal(err)
			}
		}
		if groups, keys := c.mock.Log().CountMatching(http.MethodGet, "/api"+groupsPath), c.mock.Log().CountMatching(http.MethodGet, "/api"+keysPath); groups != 1 || keys != 1 {
			t.Errorf("reading 5 groups and 5 keys listed groups %d and keys %d times, want 1 each", groups, keys)
		}

		// Update then read, delete then read: the reads see the writes, and deletes list nothing more.
		if _, err := c.client.UpdateAPIKey(c.ctx, keyIDs[0], platform.APIKeySpec{Name: "renamed"}); err != nil {
			t.Fatal(err)
		}
		if k, err := c.client.ReadAPIKey(c.ctx, keyIDs[0]); err != nil || k.Name != "renamed" {
			t.Errorf("read after rename: %+v, %v", k, err)
		}
		for _, id := range keyIDs {
			if err := c.client.DeleteAPIKey(c.ctx, id); err != nil {
				t.Fatal(err)
			}
			_, err := c.client.ReadAPIKey(c.ctx, id)
			wantNotFound(t, err, "api_key", id)
		}
		if n := c.mock.Log().CountMatching(http.MethodGet, "/api"+keysPath); n != 1 {
			t.Errorf("reads, an update and 5 deletes listed the keys %d times, want 1", n)
		}
		if _, err := c.client.UpdateGroup(c.ctx, groupIDs[0], platform.GroupSpec{Name: "g0-renamed", Members: []string{ada, grace}}); err != nil {
			t.Fatal(err)
		}
		if g, err := c.client.ReadGroup(c.ctx, groupIDs[0]); err != nil || g.Name != "g0-renamed" || len(g.Members) != 2 {
			t.Errorf("read after update: %+v, %v", g, err)
		}
		if err := c.client.DeleteGroup(c.ctx, groupIDs[1]); err != nil {
			t.Fatal(err)
		}
		_, err := c.client.ReadGroup(c.ctx, groupIDs[1])
		wantNotFound(t, err, "user_group", groupIDs[1])
	})
}

// A membership change is a read-modify-write of the whole member list: it starts from the server's current
// members, not from this process's snapshot, or it would drop a member added elsewhere since.
func TestContractMembershipChangeReadsTheGroupFresh(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		g := c.group("shared", []string{ada}, nil)
		if _, err := c.client.ReadGroup(c.ctx, g.ID); err != nil { // the snapshot now holds [ada]
			t.Fatal(err)
		}
		elsewhere := c.newClient(mockToken, "")
		if _, err := elsewhere.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "shared", Members: []string{ada, grace}}); err != nil {
			t.Fatal(err)
		}
		if err := platform.RemoveMember(c.ctx, c.client, g.ID, ada); err != nil {
			t.Fatal(err)
		}
		got, err := c.newClient(mockToken, "").ReadGroup(c.ctx, g.ID)
		if err != nil || !slices.Equal(got.Members, []string{grace}) {
			t.Errorf("after removing ada: %+v, %v; want grace, whom another writer added, kept", got.Members, err)
		}
	})
}

// Deleting a user takes them out of every group: this process's later reads of the groups show it.
func TestContractUserDeleteShowsInGroupReads(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		g := c.group("team", []string{ada, grace}, nil)
		if _, err := c.client.ReadGroup(c.ctx, g.ID); err != nil {
			t.Fatal(err)
		}
		if err := c.client.DeleteUser(c.ctx, grace); err != nil {
			t.Fatal(err)
		}
		got, err := c.client.ReadGroup(c.ctx, g.ID)
		if err != nil || !slices.Equal(got.Members, []string{ada}) {
			t.Errorf("after deleting grace: %+v, %v; want ada alone", got.Members, err)
		}
	})
}
