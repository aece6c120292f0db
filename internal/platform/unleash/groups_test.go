package unleash

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Groups exist on Unleash Enterprise only, so their CRUD runs against the mock; the open-source answer runs
// against an open-source mock and, when UNLEASH_URL is set, the real (open-source) server.

func groupEnv(t *testing.T) *env {
	tg := mockTarget(t, unleashmock.Options{Edition: unleashmock.EditionEnterprise})
	return &env{t: t, ctx: context.Background(), target: tg, client: tg.newClient(t), suffix: randomSuffix()}
}

func TestGroupCRUD(t *testing.T) {
	e := groupEnv(t)
	ada := e.createUser(platform.UserSpec{Email: e.email("ada"), Name: "Ada"})
	bob := e.createUser(platform.UserSpec{Email: e.email("bob"), Name: "Bob"})

	created, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{
		Name: "platform", Description: ptr("the platform team"), Members: []string{bob.ID, ada.ID},
		Extra: GroupExtra{RootRole: ptr("Editor"), SSOMappings: []string{"sso-b", "sso-a"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := platform.Group{
		ID: created.ID, Name: "platform", Description: "the platform team", Members: []string{ada.ID, bob.ID},
		Extra: GroupExtra{RootRole: ptr("Editor"), SSOMappings: []string{"sso-a", "sso-b"}},
	}
	assertGroup(t, "created (read back: the POST answer has no users)", created, want)

	// Members, description, role and mappings unmanaged: a PUT replaces everything, so they must be sent back.
	renamed, err := e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "platform-team"})
	if err != nil {
		t.Fatal(err)
	}
	want.Name = "platform-team"
	assertGroup(t, "renamed", renamed, want)

	updated, err := e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{
		Name: "platform-team", Description: ptr(""), Members: []string{ada.ID},
		Extra: &GroupExtra{RootRole: ptr(""), SSOMappings: []string{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want = platform.Group{ID: created.ID, Name: "platform-team", Members: []string{ada.ID}, Extra: GroupExtra{SSOMappings: []string{}}}
	assertGroup(t, "updated", updated, want)

	emptied, err := e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "platform-team", Members: []string{}})
	if err != nil || len(emptied.Members) != 0 {
		t.Fatalf("emptied = %+v, %v", emptied, err)
	}

	found, err := e.client.FindGroupByName(e.ctx, "platform-team")
	if err != nil || found.ID != created.ID {
		t.Errorf("FindGroupByName = %+v, %v", found, err)
	}
	_, err = e.client.FindGroupByName(e.ctx, "Platform-Team")
	wantNotFound(t, err, "user_group", "Platform-Team")

	if err := e.client.DeleteGroup(e.ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	_, err = e.client.ReadGroup(e.ctx, created.ID)
	wantNotFound(t, err, "user_group", created.ID)
	_, err = e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "x"})
	wantNotFound(t, err, "user_group", created.ID)
	if err := e.client.DeleteGroup(e.ctx, created.ID); err != nil {
		t.Errorf("deleting a deleted group: %v", err)
	}
}

func TestGroupErrors(t *testing.T) {
	e := groupEnv(t)
	if _, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "dup"}); err != nil {
		t.Fatal(err)
	}
	_, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "dup"})
	wantConflict(t, err, platform.FieldName)
	_, err = e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "g", Members: []string{"999"}})
	wantInvalid(t, err, platform.FieldMembers)
	_, err = e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "g", Extra: GroupExtra{RootRole: ptr("42")}})
	wantInvalid(t, err, fieldRootRole)
}

func TestLostGroupCreateIsAdopted(t *testing.T) {
	e := groupEnv(t)
	err := e.target.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: http.MethodPost, PathPrefix: groupsPath, Times: 1})
	if err != nil {
		t.Fatal(err)
	}
	g, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "lost", Members: []string{"1"}})
	if err != nil || g.Name != "lost" || !slices.Equal(g.Members, []string{"1"}) {
		t.Fatalf("adopted group = %+v, %v", g, err)
	}
	if groups, _ := e.client.ListGroups(e.ctx, platform.GroupFilter{Name: "lost"}); len(groups) != 1 {
		t.Errorf("%d groups named lost", len(groups))
	}
	if n := countExact(e.target.mock.Log().Matching(http.MethodPost, groupsPath), groupsPath); n != 1 {
		t.Errorf("%d group POSTs, want 1", n)
	}
}

func TestGroupDriftIsRead(t *testing.T) {
	e := groupEnv(t)
	ada := e.createUser(platform.UserSpec{Email: e.email("ada"), Name: "Ada"})
	g, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "drift", Members: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	hook(e, http.MethodPatch, "/__mock/unleash/groups/"+g.ID, `{"users": [`+ada.ID+`], "rootRole": 1}`)
	read, err := e.client.ReadGroup(e.ctx, g.ID)
	if err != nil || !slices.Equal(read.Members, []string{ada.ID}) || *read.Extra.(GroupExtra).RootRole != "Admin" {
		t.Errorf("after drift: %+v, %v", read, err)
	}
	// Deleting a member user removes the membership too.
	hook(e, http.MethodDelete, "/__mock/unleash/users/"+ada.ID, "")
	if read, _ := e.client.ReadGroup(e.ctx, g.ID); len(read.Members) != 0 {
		t.Errorf("members after the user was deleted: %v", read.Members)
	}
}

func TestGroupsUnsupportedOnOpenSource(t *testing.T) {
	for _, name := range []string{"mock", "real"} {
		t.Run(name, func(t *testing.T) {
			var tg target
			if name == "mock" {
				tg = mockTarget(t, unleashmock.Options{Edition: unleashmock.EditionOpenSource})
			} else {
				tg = realTarget(t)
			}
			c := tg.newClient(t)
			ctx := context.Background()
			calls := map[string]func() error{
				"create": func() error { _, err := c.CreateGroup(ctx, platform.GroupSpec{Name: "g"}); return err },
				"read":   func() error { _, err := c.ReadGroup(ctx, "1"); return err },
				"update": func() error { _, err := c.UpdateGroup(ctx, "1", platform.GroupSpec{Name: "g"}); return err },
				"delete": func() error { return c.DeleteGroup(ctx, "1") },
				"list":   func() error { _, err := c.ListGroups(ctx, platform.GroupFilter{}); return err },
				"find":   func() error { _, err := c.FindGroupByName(ctx, "g"); return err },
			}
			for op, call := range calls {
				err := call()
				var unsupported *platform.UnsupportedError
				if !errors.As(err, &unsupported) {
					t.Fatalf("%s: got %T (%v), want *platform.UnsupportedError", op, err, err)
				}
				if platform.IsNotFound(err) {
					t.Errorf("%s: an open-source server must not read as 'group gone'", op)
				}
				if unsupported.Platform != Name || unsupported.Feature != (platform.Feature{Kind: platform.KindUserGroup}) ||
					unsupported.Reason != groupsUnsupportedReason {
					t.Errorf("%s: %+v", op, unsupported)
				}
			}
			if tg.mock != nil {
				// Learned once: later group calls do not ask the server again.
				if n := tg.mock.Log().CountMatching("", groupsPath); n != 1 {
					t.Errorf("%d group requests, want 1", n)
				}
			}
		})
	}
}

func assertGroup(t *testing.T, what string, got, want platform.Group) {
	t.Helper()
	g, w := got.Extra.(GroupExtra), want.Extra.(GroupExtra)
	sameRole := (g.RootRole == nil) == (w.RootRole == nil) && (g.RootRole == nil || *g.RootRole == *w.RootRole)
	if got.ID != want.ID || got.Name != want.Name || got.Description != want.Description ||
		!slices.Equal(got.Members, want.Members) || !sameRole || !slices.Equal(g.SSOMappings, w.SSOMappings) || g.SSOMappings == nil {
		t.Errorf("%s:\n got %+v %+v\nwant %+v %+v", what, got, g, want, w)
	}
}
