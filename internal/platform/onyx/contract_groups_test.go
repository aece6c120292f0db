package onyx

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const (
	ada   = onyxmock.AdaEmail
	grace = onyxmock.GraceEmail
)

// The whole life of a group, on the mock's default sync clock. A create returns before the group's first
// sync and a delete on the DELETE's answer; an update waits for a pending sync, so the next write is never
// refused as "currently syncing".
func TestContractGroupLifecycle(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{SyncDelay: onyxmock.DefaultSyncDelay})
		created, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "platform-team", Members: []string{"ADA@example.com"},
			Extra: &GroupExtra{CCPairIDs: []string{"1"}, CuratorIDs: []string{ada}}})
		if err != nil {
			t.Fatal(err)
		}
		want := platform.Group{ID: created.ID, Name: "platform-team", Members: []string{ada},
			Extra: GroupExtra{CCPairIDs: []string{"1"}, CuratorIDs: []string{ada}, IncognitoEnabled: ptr(false)}}
		assertEqual(t, "created", created, want)
		if s := c.state(); s.PendingSyncs != 1 {
			t.Errorf("%d syncs pending after create, want 1: the create waited for its sync", s.PendingSyncs)
		}
		read, err := c.client.ReadGroup(c.ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, "read", read, want)

		// Members only: the connectors Terraform does not manage are sent back, not emptied.
		updated, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "platform-team", Members: []string{grace, ada}})
		if err != nil {
			t.Fatal(err)
		}
		want.Members = []string{ada, grace}
		assertEqual(t, "members updated", updated, want)

		// Rename, curators and connectors in one update; each step waits for the sync it starts.
		updated, err = c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "platform", Members: []string{ada, grace},
			Extra: GroupExtra{CCPairIDs: []string{"3", "2"}, CuratorIDs: []string{grace}}})
		if err != nil {
			t.Fatal(err)
		}
		want.Name, want.Extra = "platform", GroupExtra{CCPairIDs: []string{"2", "3"}, CuratorIDs: []string{grace}, IncognitoEnabled: ptr(false)}
		assertEqual(t, "renamed", updated, want)
		read, _ = c.client.ReadGroup(c.ctx, created.ID)
		assertEqual(t, "read after rename", read, want)
		if n := c.mock.Log().CountMatching(http.MethodPatch, "/api/manage/admin/user-group/rename"); n != 1 {
			t.Errorf("%d renames sent", n)
		}

		// Removing a curator from members drops the curatorship with it.
		updated, err = c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "platform", Members: []string{ada}, Extra: GroupExtra{CuratorIDs: []string{}}})
		if err != nil {
			t.Fatal(err)
		}
		want.Members, want.Extra = []string{ada}, GroupExtra{CCPairIDs: []string{"2", "3"}, CuratorIDs: []string{}, IncognitoEnabled: ptr(false)}
		assertEqual(t, "curator removed", updated, want)

		// An update that changes nothing sends nothing.
		before := c.writes()
		if _, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "platform", Members: []string{ada}, Extra: want.Extra}); err != nil {
			t.Fatal(err)
		}
		if c.writes() != before {
			t.Errorf("%d writes for a no-op update", c.writes()-before)
		}

		found, err := c.client.FindGroupByName(c.ctx, "platform")
		if err != nil || found.ID != created.ID {
			t.Errorf("find by name: %+v %v", found, err)
		}
		groups, err := c.client.ListGroups(c.ctx, platform.GroupFilter{})
		if err != nil || len(groups) != 3 || groups[0].Name != onyxmock.AdminGroupName {
			t.Errorf("list: %+v %v", groups, err)
		}

		if err := c.client.DeleteGroup(c.ctx, created.ID); err != nil {
			t.Fatal(err)
		}
		if s := c.state(); !slices.Contains(s.Groups.Deleting, "platform") {
			t.Errorf("DeleteGroup waited for Onyx to remove the row: %+v", s.Groups)
		}
		_, err = c.client.ReadGroup(c.ctx, created.ID)
		wantNotFound(t, err, "user_group", created.ID)
		before = c.mock.Log().Count()
		if err := c.client.DeleteGroup(c.ctx, created.ID); err != nil {
			t.Errorf("deleting a deleted group: %v", err)
		}
		if n := c.mock.Log().Count() - before; n != 0 {
			t.Errorf("deleting a group this client deleted sent %d requests", n)
		}
		_, err = c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "x"})
		wantNotFound(t, err, "user_group", created.ID)
	})
}

// Destroy then create with the same name (a replacement): the delete returns on the DELETE's answer, while
// Onyx still holds the name; the create is refused for it, waits for that row to go, and is sent again.
func TestContractDeleteThenRecreateSameName(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		const removal = 200 * time.Millisecond
		c := newContract(t, gen, onyxmock.Options{DeleteDelay: removal})
		old := c.group("ops", []string{ada}, nil)
		start := time.Now()
		if err := c.client.DeleteGroup(c.ctx, old.ID); err != nil {
			t.Fatal(err)
		}
		if s := c.state(); !slices.Contains(s.Groups.Deleting, "ops") {
			t.Errorf("DeleteGroup returned after %s, once Onyx had removed the row: %+v", time.Since(start), s.Groups)
		}
		c.mock.Log().Reset()
		again, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "ops", Members: []string{grace}})
		if err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(start); waited < removal {
			t.Errorf("the create returned after %s, before Onyx removed the row holding the name", waited)
		}
		if again.ID == old.ID || !slices.Equal(again.Members, []string{grace}) {
			t.Errorf("recreated %+v", again)
		}
		var statuses []int
		for _, e := range c.mock.Log().Matching(http.MethodPost, "/api"+groupsPath) {
			statuses = append(statuses, e.Status)
		}
		if len(statuses) != 2 || statuses[0] < 400 || statuses[1] != http.StatusOK {
			t.Errorf("creates sent with statuses %v, want one refused for the name, then one answered 200", statuses)
		}
	})
}

// A group whose deletion is pending is gone for Terraform, and deleting it again sends nothing; a create
// with its name waits for the row instead of failing on the reserved name.
func TestContractPendingDeletion(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{DeleteDelay: 150 * time.Millisecond})
		g := c.group("doomed", []string{ada}, nil)
		c.raw(http.MethodDelete, "/manage/admin/user-group/"+g.ID)
		c.nextCommand()
		_, err := c.client.ReadGroup(c.ctx, g.ID)
		wantNotFound(t, err, "user_group", g.ID)
		if _, err := c.client.FindGroupByName(c.ctx, "doomed"); !platform.IsNotFound(err) {
			t.Errorf("find by name during deletion: %v", err)
		}
		again := c.group("doomed", nil, nil)
		if again.ID == g.ID {
			t.Error("adopted the group being deleted")
		}
		c.raw(http.MethodDelete, "/manage/admin/user-group/"+again.ID)
		c.nextCommand()
		before := c.writes()
		if err := c.client.DeleteGroup(c.ctx, again.ID); err != nil {
			t.Fatal(err)
		}
		if n := c.writes() - before; n != 0 {
			t.Errorf("deleting a group being deleted sent %d writes", n)
		}
	})
}

// A group made stale behind the client's back (another writer, a connector sync) is waited for, not
// reported as missing.
func TestContractUpdateWaitsForForeignSync(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{SyncDelay: 100 * time.Millisecond})
		g := c.group("eng", []string{ada}, nil)
		c.hook(http.MethodPatch, "/groups/"+g.ID, map[string]any{"is_up_to_date": false})
		got, err := c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "eng", Members: []string{grace}})
		if err != nil || !slices.Equal(got.Members, []string{grace}) {
			t.Fatalf("update of a syncing group: %+v %v", got, err)
		}
		c.hook(http.MethodPatch, "/groups/"+g.ID, map[string]any{"is_up_to_date": false})
		if err := c.client.DeleteGroup(c.ctx, g.ID); err != nil {
			t.Fatalf("delete of a syncing group: %v", err)
		}
	})
}

// Members are emails. A person who has only been invited cannot be added yet: the write adds the others and
// the group reports the invitee as a member, pending. An unknown address, or an invitee as curator, is an
// error, and nothing is written.
func TestContractMembersAreEmails(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		if _, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "new@example.com"}); err != nil {
			t.Fatal(err)
		}
		g := c.group("eng", []string{ada}, nil)
		before := c.writes()
		_, err := c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "eng", Members: []string{"nobody@example.com", "new@example.com"}})
		wantInvalid(t, err, platform.FieldMembers, "nobody@example.com")
		_, err = c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "eng", Members: []string{ada, "new@example.com"},
			Extra: GroupExtra{CuratorIDs: []string{"new@example.com"}}})
		wantInvalid(t, err, fieldCuratorIDs, "new@example.com", "accept the invitation")
		if c.writes() != before {
			t.Errorf("%d writes sent for members who cannot be added", c.writes()-before)
		}

		created, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "x", Members: []string{ada, "New@Example.com"}})
		if err != nil {
			t.Fatal(err)
		}
		pending := platform.Group{ID: created.ID, Name: "x", Members: []string{ada, "new@example.com"},
			Extra: GroupExtra{CCPairIDs: []string{}, CuratorIDs: []string{}, PendingMembers: []string{"new@example.com"}, IncognitoEnabled: ptr(false)}}
		assertEqual(t, "created with an invitee", created, pending)
		if users := c.rawGroup(created.ID)["users"].([]any); len(users) != 1 {
			t.Errorf("the group has users %v on Onyx, want ada alone", users)
		}
		updated, err := c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "eng", Members: []string{ada, "new@example.com"}})
		pending.ID, pending.Name = g.ID, "eng"
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, "updated with an invitee", updated, pending)

		// The next command reads the group without the invitee; Terraform's state brings them back.
		c.nextCommand()
		read, err := c.client.ReadGroup(c.ctx, g.ID)
		if err != nil || !slices.Equal(read.Members, []string{ada}) {
			t.Fatalf("read %+v %v", read, err)
		}
		kept, err := c.client.KeepPendingMembers(c.ctx, read, []string{ada, "new@example.com"})
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, "kept pending", kept, pending)
		// Nothing missing: nothing is read.
		c.mock.Log().Reset()
		if same, err := c.client.KeepPendingMembers(c.ctx, read, []string{ada}); err != nil || !slices.Equal(same.Members, []string{ada}) || len(c.mock.Log().Entries()) != 0 {
			t.Errorf("nothing pending: %+v %v after %d requests", same, err, len(c.mock.Log().Entries()))
		}

		// Signed up: no longer pending, so the refresh shows the group without them, and the update adds them.
		c.hook(http.MethodPost, "/users/new@example.com/signup", nil)
		c.nextCommand()
		kept, err = c.client.KeepPendingMembers(c.ctx, read, []string{ada, "new@example.com"})
		if err != nil || !slices.Equal(kept.Members, []string{ada}) || kept.Extra.(GroupExtra).PendingMembers != nil {
			t.Errorf("after sign-up: %+v %v", kept, err)
		}
		got, err := c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "eng", Members: []string{"New@Example.com", ada}})
		if err != nil || !slices.Equal(got.Members, []string{ada, "new@example.com"}) || got.Extra.(GroupExtra).PendingMembers != nil {
			t.Errorf("added after sign-up: %+v %v", got, err)
		}
		if users := c.rawGroup(g.ID)["users"].([]any); len(users) != 2 {
			t.Errorf("the group has users %v on Onyx, want ada and the newcomer", users)
		}
	})
}

// API keys' service accounts show up in a group's users on both generations: they are not members
// for Terraform (no drift), and a membership write keeps them in the group.
func TestContractServiceAccountsAreNotMembers(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		g := c.group("eng", []string{ada}, nil)
		groupID := onyxmock.BasicGroupID // v4.6: a basic key joins the Basic group
		extra := APIKeyExtra{Role: "basic"}
		if gen == GenerationCurrent {
			groupID, extra = 3, APIKeyExtra{GroupIDs: []string{g.ID}}
		}
		if _, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "ci", Extra: extra}); err != nil {
			t.Fatal(err)
		}
		id := jsonInt(float64(groupID))
		if users := c.rawGroup(id)["users"].([]any); len(users) != map[Generation]int{GenerationV46: 3, GenerationCurrent: 2}[gen] {
			t.Fatalf("the key's service account is not in group %s: %v", id, users)
		}
		read, err := c.client.ReadGroup(c.ctx, id)
		want := map[Generation][]string{GenerationV46: {ada, grace}, GenerationCurrent: {ada}}[gen]
		if err != nil || !slices.Equal(read.Members, want) {
			t.Errorf("members %v (%v), want %v without the service account", read.Members, err, want)
		}
		// Managing members leaves the service account where it is.
		if _, err := c.client.UpdateGroup(c.ctx, id, platform.GroupSpec{Name: read.Name, Members: want}); err != nil {
			t.Fatal(err)
		}
		users := c.rawGroup(id)["users"].([]any)
		if len(users) != len(want)+1 {
			t.Errorf("after a membership write the group has %d users, want %d (the service account kept)", len(users), len(want)+1)
		}
	})
}

func TestContractDefaultGroups(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		admin, err := c.client.FindGroupByName(c.ctx, onyxmock.AdminGroupName)
		if err != nil || !slices.Equal(admin.Members, []string{onyxmock.AdminEmail}) {
			t.Fatalf("Admin group: %+v %v", admin, err)
		}
		if c.client.GroupDeletionRefused(admin.Name) == "" || c.client.GroupDeletionRefused("eng") != "" {
			t.Error("GroupDeletionRefused")
		}
		before := c.writes()
		wantInvalid(t, c.client.DeleteGroup(c.ctx, admin.ID), platform.Field{}, "default Admin group cannot be deleted")
		_, err = c.client.UpdateGroup(c.ctx, admin.ID, platform.GroupSpec{Name: "Admins"})
		wantInvalid(t, err, platform.FieldName)
		if c.writes() != before {
			t.Error("a refused change of a default group was sent")
		}
		// Membership of a default group can be managed.
		basic, err := c.client.UpdateGroup(c.ctx, "2", platform.GroupSpec{Name: onyxmock.BasicGroupName, Members: []string{ada, grace, onyxmock.AdminEmail}})
		if err != nil || len(basic.Members) != 3 {
			t.Errorf("Basic: %+v %v", basic, err)
		}
		// A create with a taken name is refused by the server and reported as a conflict naming the group,
		// once a list now has shown it live: it is not waited for as a group being deleted would be.
		_, err = c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: onyxmock.BasicGroupName})
		wantConflict(t, err, platform.FieldName)
		var conflict *platform.ConflictError
		if errors.As(err, &conflict) && !strings.Contains(fmt.Sprint(conflict.Fields), `user group named "Basic" (id 2)`) {
			t.Errorf("conflict %v does not name the Basic group", conflict.Fields)
		}
		if n := c.writes() - before; n != 2 {
			t.Errorf("%d writes for a members update and a create refused for its name, want 2", n)
		}
	})
}

// Onyx answers an unknown cc_pair id on create as if the name were taken; the client says what it
// means.
func TestContractUnknownCCPair(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		_, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "x", Extra: GroupExtra{CCPairIDs: []string{"99"}}})
		wantInvalid(t, err, fieldCCPairIDs, "does not exist")
		if s := c.state(); s.Groups.Count != 2 {
			t.Errorf("groups %v", s.Groups.Names)
		}
	})
}

// Reading a user-made group lists the user-made groups only: Basic holds every user of the instance, and
// listing it with every read made a read cost as much as the whole directory. A default group is still read,
// from the full list, and a group that is gone is looked for in both.
func TestContractGroupReadsLeaveTheDefaultGroupsOut(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		created := c.group("readers", []string{ada}, nil)
		c.nextCommand()
		lists := func() []string {
			var out []string
			for _, e := range c.mock.Log().Matching(http.MethodGet, "/api/manage/admin/user-group") {
				out = append(out, e.RawQuery)
			}
			return out
		}
		before := len(lists())
		read, err := c.client.ReadGroup(c.ctx, created.ID)
		if err != nil || read.Name != "readers" {
			t.Fatalf("read: %+v %v", read, err)
		}
		if got := lists()[before:]; !slices.Equal(got, []string{"include_default=false"}) {
			t.Errorf("reading a user-made group listed %q, want one list without the default groups", got)
		}

		before = len(lists())
		basic, err := c.client.ReadGroup(c.ctx, "2")
		if err != nil || basic.Name != onyxmock.BasicGroupName || len(basic.Members) == 0 {
			t.Fatalf("read of Basic: %+v %v", basic, err)
		}
		// The user-made groups were listed once already, in this process.
		if got := lists()[before:]; !slices.Equal(got, []string{"include_default=true"}) {
			t.Errorf("reading a default group listed %q", got)
		}

		_, err = c.client.ReadGroup(c.ctx, "999")
		if !platform.IsNotFound(err) {
			t.Errorf("a group that does not exist: %v, want not found", err)
		}
	})
}

// roster_user_group_membership adds one person through add-users, which keeps the others (and connectors);
// a person who has only been invited cannot wait in a membership, so that is an error and nothing is sent.
func TestContractMembershipOfOnePerson(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		if _, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "new@example.com"}); err != nil {
			t.Fatal(err)
		}
		g := c.group("eng", []string{ada}, &GroupExtra{CCPairIDs: []string{"1"}})
		before := c.writes()
		err := platform.AddMember(c.ctx, c.client, g.ID, "new@example.com")
		wantInvalid(t, err, platform.Field{}, "new@example.com", "has not accepted the invitation", "roster_user_group's members")
		if c.writes() != before {
			t.Errorf("%d writes sent for an invitee", c.writes()-before)
		}
		c.mock.Log().Reset()
		if err := platform.AddMember(c.ctx, c.client, g.ID, grace); err != nil {
			t.Fatal(err)
		}
		if n := c.mock.Log().Writes(); n != 1 || c.mock.Log().CountMatching(http.MethodPost, "/api/manage/admin/user-group/"+g.ID+"/add-users") != 1 {
			t.Errorf("adding one member sent %+v, want one add-users", c.mock.Log().Entries())
		}
		if err := platform.RemoveMember(c.ctx, c.client, g.ID, ada); err != nil {
			t.Fatal(err)
		}
		c.nextCommand()
		read, err := c.client.ReadGroup(c.ctx, g.ID)
		if err != nil || !slices.Equal(read.Members, []string{grace}) || !slices.Equal(read.Extra.(GroupExtra).CCPairIDs, []string{"1"}) {
			t.Errorf("after adding grace and removing ada: %+v %v", read, err)
		}
	})
}
