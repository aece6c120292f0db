package secoda_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/secoda"
)

func icon(g platform.Group) string {
	e, ok := g.Extra.(secoda.GroupExtra)
	if !ok || e.Icon == nil {
		return "<unset>"
	}
	return *e.Icon
}

func TestContractGroupLifecycle(t *testing.T) {
	e := newEnv(t)
	ada, bob := e.createUser("ada@example.com"), e.createUser("bob@example.com")

	created, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{
		Name: "ops", Description: ptr("on call"), Members: []string{bob.ID, ada.ID},
		Extra: secoda.GroupExtra{Icon: ptr("🚀")},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := platform.Group{ID: created.ID, Name: "ops", Description: "on call", Members: sorted(ada.ID, bob.ID), Extra: secoda.GroupExtra{Icon: ptr("🚀")}}
	if !reflect.DeepEqual(created, want) {
		t.Errorf("created = %#v, want %#v", created, want)
	}
	read, err := e.client.ReadGroup(e.ctx, created.ID)
	if err != nil || !reflect.DeepEqual(read, want) {
		t.Errorf("read = %#v, %v; want %#v", read, err, want)
	}

	// Membership is replaced as a whole; an unmanaged icon is left alone.
	updated, err := e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "ops-team", Description: ptr(""), Members: []string{bob.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if updated.Name != "ops-team" || updated.Description != "" || !slices.Equal(updated.Members, []string{bob.ID}) || icon(updated) != "🚀" {
		t.Errorf("updated = %#v", updated)
	}
	// Unmanaged membership is not sent, so it survives.
	updated, err = e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "ops-team"})
	if err != nil || !slices.Equal(updated.Members, []string{bob.ID}) || updated.Description != "" {
		t.Errorf("update without members = %#v, %v", updated, err)
	}
	// An empty set empties the group.
	if updated, err = e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "ops-team", Members: []string{}}); err != nil || len(updated.Members) != 0 {
		t.Errorf("emptied = %#v, %v", updated, err)
	}

	if err := e.client.DeleteGroup(e.ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	_, err = e.client.ReadGroup(e.ctx, created.ID)
	var nf *platform.NotFoundError
	if !errors.As(err, &nf) || nf.Kind != string(platform.KindUserGroup) || nf.ID != created.ID {
		t.Errorf("read after delete: %#v, want a NotFoundError for the group", err)
	}
	if err := e.client.DeleteGroup(e.ctx, created.ID); err != nil {
		t.Errorf("deleting a deleted group: %v", err)
	}
	if _, err := e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "x"}); !platform.IsNotFound(err) {
		t.Errorf("updating a deleted group: %v", err)
	}
	e.requireWirePaths()
}

// The server chooses the icon when Terraform does not; Read reports it.
func TestContractGroupDefaultsAndDrift(t *testing.T) {
	e := newEnv(t)
	ada := e.createUser("ada@example.com")
	g, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "ops"})
	if err != nil {
		t.Fatal(err)
	}
	if icon(g) == "<unset>" || icon(g) == "" || g.Members == nil || len(g.Members) != 0 {
		t.Errorf("defaults = %#v (icon %q)", g, icon(g))
	}
	e.hook("PATCH", "groups/"+g.ID, map[string]any{"name": "renamed", "users": []string{ada.ID}})
	read, err := e.client.ReadGroup(e.ctx, g.ID)
	if err != nil || read.Name != "renamed" || !slices.Equal(read.Members, []string{ada.ID}) {
		t.Errorf("drift not visible: %#v, %v", read, err)
	}
	e.hook("DELETE", "groups/"+g.ID, nil)
	if _, err := e.client.ReadGroup(e.ctx, g.ID); !platform.IsNotFound(err) {
		t.Errorf("read of a group deleted behind Terraform's back: %v", err)
	}
}

func TestContractGroupServerValidation(t *testing.T) {
	e := newEnv(t)
	_, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "ops", Members: []string{"00000000-0000-4000-8000-000000000000"}})
	var invalid *platform.InvalidError
	if !errors.As(err, &invalid) || len(invalid.Fields) != 1 || invalid.Fields[0].Field != platform.FieldMembers {
		t.Fatalf("unknown member: %#v", err)
	}
	if !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("message does not quote the server: %v", err)
	}
	if _, err := e.client.ReadGroup(e.ctx, "ops"); err == nil || !strings.Contains(err.Error(), "name=<name>") {
		t.Errorf("reading by a name instead of an id: %v", err)
	}
	if n := count(e, "GET", ""); n != 0 {
		t.Errorf("a malformed id was sent (%d GETs)", n)
	}
}

func TestContractFindGroupByName(t *testing.T) {
	e := newEnv(t)
	ops, _ := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "ops"})
	_, _ = e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "Ops"})
	found, err := e.client.FindGroupByName(e.ctx, "ops")
	if err != nil || found.ID != ops.ID {
		t.Errorf("FindGroupByName(ops) = %#v, %v", found, err)
	}
	if _, err := e.client.FindGroupByName(e.ctx, "nope"); !platform.IsNotFound(err) {
		t.Errorf("missing name: %v", err)
	}
	// Secoda does not keep group names unique: two matches are an error, not a guess.
	_, _ = e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "ops"})
	if _, err := e.client.FindGroupByName(e.ctx, "ops"); err == nil || platform.IsNotFound(err) || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("duplicate name: %v", err)
	}
	list, err := e.client.ListGroups(e.ctx, platform.GroupFilter{Name: "ops"})
	if err != nil || len(list) != 2 {
		t.Errorf("ListGroups(name=ops) = %d groups, %v", len(list), err)
	}
}

// 120 groups are three pages of 50: three GETs, whatever the listing is for.
func TestContractGroupPagination(t *testing.T) {
	e := newEnv(t)
	for i := range 120 {
		if _, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: fmt.Sprintf("g%03d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	e.mock.Log().Reset()
	groups, err := e.client.ListGroups(e.ctx, platform.GroupFilter{})
	if err != nil || len(groups) != 120 {
		t.Fatalf("ListGroups = %d, %v", len(groups), err)
	}
	if n := count(e, "GET", "/api/v1/auth/group/"); n != 3 {
		t.Errorf("%d GETs for 120 groups, want 3", n)
	}
	if groups[0].Name != "g000" || groups[119].Name != "g119" {
		t.Errorf("order: %s .. %s", groups[0].Name, groups[119].Name)
	}
	e.mock.Log().Reset()
	if g, err := e.client.FindGroupByName(e.ctx, "g119"); err != nil || g.Name != "g119" {
		t.Errorf("FindGroupByName on the last page = %#v, %v", g, err)
	}
	if n := count(e, "GET", ""); n != 3 {
		t.Errorf("FindGroupByName: %d GETs, want 3", n)
	}
}

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}
