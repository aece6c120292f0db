package unleash

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Project access of groups is Enterprise: it runs against the Enterprise mock; the open-source answer runs
// against an open-source mock and, when UNLEASH_URL is set, the real (open-source) server.

// addProject creates a project through the mock's hook (the open-source edition has only default).
func (e *env) addProject(id string) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPut, e.target.endpoint+"/__mock/unleash/projects/"+id, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode >= 300 {
		e.t.Fatalf("creating project %s: %v %v", id, resp, err)
	}
	_ = resp.Body.Close()
}

func rolesOf(g platform.Group) map[string][]string {
	return g.Extra.(GroupExtra).ProjectRoles
}

func sameRoles(a, b map[string][]string) bool {
	return maps.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}

// readRoles reads a group's project roles with a fresh client, so nothing this process wrote is reused.
func (e *env) readRoles(id string) map[string][]string {
	e.t.Helper()
	c := e.target.newClient(e.t)
	g, err := c.ReadGroup(e.ctx, id)
	if err == nil {
		g, err = c.ReadGroupDetails(e.ctx, g, GroupExtra{ProjectRoles: map[string][]string{}})
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return rolesOf(g)
}

func TestGroupProjectRoles(t *testing.T) {
	e := groupEnv(t)
	e.addProject("web")
	other, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "others", Extra: GroupExtra{ProjectRoles: map[string][]string{"web": {"Owner"}}}})
	if err != nil {
		t.Fatal(err)
	}

	created, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{
		Name: "flags", Extra: GroupExtra{ProjectRoles: map[string][]string{"default": {"Owner"}, "web": {"Reader", "Member", "Reader"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"default": {"Owner"}, "web": {"Member", "Reader"}}
	if got := rolesOf(created); !sameRoles(got, want) {
		t.Errorf("created: %v, want %v", got, want)
	}
	if got := e.readRoles(created.ID); !sameRoles(got, want) {
		t.Errorf("read back: %v, want %v", got, want)
	}

	// default dropped: the group leaves it (a DELETE); web set to exactly Owner.
	updated, err := e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "flags", Extra: GroupExtra{ProjectRoles: map[string][]string{"web": {"Owner"}}}})
	if err != nil {
		t.Fatal(err)
	}
	want = map[string][]string{"web": {"Owner"}}
	if got := rolesOf(updated); !sameRoles(got, want) {
		t.Errorf("updated: %v, want %v", got, want)
	}
	if got := e.readRoles(created.ID); !sameRoles(got, want) {
		t.Errorf("read back after the update: %v, want %v", got, want)
	}
	if n := e.target.mock.Log().CountMatching(http.MethodDelete, "/api/admin/projects/default/groups/"+created.ID+"/roles"); n != 1 {
		t.Errorf("%d DELETEs of the group's access to default, want 1", n)
	}
	// Renamed, same roles: no project-access write (each one is an audit-log event in Unleash).
	writes := e.target.mock.Log().CountMatching(http.MethodPut, projectsPath) + e.target.mock.Log().CountMatching(http.MethodDelete, projectsPath)
	if _, err := e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "flag-team", Extra: GroupExtra{ProjectRoles: map[string][]string{"web": {"Owner"}}}}); err != nil {
		t.Fatal(err)
	}
	if n := e.target.mock.Log().CountMatching(http.MethodPut, projectsPath) + e.target.mock.Log().CountMatching(http.MethodDelete, projectsPath) - writes; n != 0 {
		t.Errorf("a rename with the same project roles sent %d project-access writes, want 0", n)
	}
	// Unmanaged (nil): nothing is written.
	if _, err := e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "flags"}); err != nil {
		t.Fatal(err)
	}
	if got := e.readRoles(created.ID); !sameRoles(got, want) {
		t.Errorf("an update that does not manage project roles changed them: %v", got)
	}
	// Cleared: gone from every project.
	if _, err := e.client.UpdateGroup(e.ctx, created.ID, platform.GroupSpec{Name: "flags", Extra: GroupExtra{ProjectRoles: map[string][]string{}}}); err != nil {
		t.Fatal(err)
	}
	if got := e.readRoles(created.ID); len(got) != 0 || got == nil {
		t.Errorf("cleared: %v, want an empty map", got)
	}
	// The other group kept its access throughout: writes are per group.
	if got := e.readRoles(other.ID); !sameRoles(got, map[string][]string{"web": {"Owner"}}) {
		t.Errorf("the other group's access changed: %v", got)
	}
}

func TestGroupProjectRoleErrors(t *testing.T) {
	e := groupEnv(t)
	g, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "g"})
	if err != nil {
		t.Fatal(err)
	}
	before := e.target.mock.Log().CountMatching(http.MethodPut, projectsPath)
	_, err = e.client.UpdateGroup(e.ctx, g.ID, platform.GroupSpec{Name: "g", Extra: GroupExtra{ProjectRoles: map[string][]string{"default": {"owner"}}}})
	fields := platform.FieldErrorsOf(err)
	if len(fields) != 1 || fields[0].Field != fieldProjectRoles ||
		!strings.Contains(fields[0].Message, `"owner" is not a project role`) || !strings.Contains(fields[0].Message, `did you mean "Owner"`) ||
		!strings.Contains(fields[0].Message, "Owner, Member, Reader") {
		t.Errorf("an unknown role name (Unleash would drop its id without a word): %v", err)
	}
	if n := e.target.mock.Log().CountMatching(http.MethodPut, projectsPath) - before; n != 0 {
		t.Errorf("%d PUTs sent for an unknown role, want 0", n)
	}

	posts := e.target.mock.Log().CountMatching(http.MethodPost, groupsPath)
	_, err = e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "h", Extra: GroupExtra{ProjectRoles: map[string][]string{"default": {"owner"}}}})
	if fields := platform.FieldErrorsOf(err); len(fields) != 1 || fields[0].Field != fieldProjectRoles {
		t.Errorf("a create with an unknown role name: %v", err)
	}
	if n := e.target.mock.Log().CountMatching(http.MethodPost, groupsPath) - posts; n != 0 {
		t.Errorf("a create with an unknown role name made the group first (%d POSTs)", n)
	}

	_, err = e.client.UpdateGroup(e.ctx, g.ID, platform.GroupSpec{Name: "g", Extra: GroupExtra{ProjectRoles: map[string][]string{"nope": {"Owner"}}}})
	fields = platform.FieldErrorsOf(err)
	if platform.IsNotFound(err) || len(fields) != 1 || fields[0].Field != fieldProjectRoles || !strings.Contains(fields[0].Message, `project "nope" does not exist`) {
		t.Errorf("an unknown project: %v", err)
	}
}

// TestGroupProjectRolesReadOncePerProcess: reading the project roles of N groups costs one group list and one
// access read per project, and this client's own writes are seen without reading again.
func TestGroupProjectRolesReadOncePerProcess(t *testing.T) {
	e := groupEnv(t)
	e.addProject("web")
	var ids []string
	for _, name := range []string{"a", "b", "c"} {
		g, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: name, Extra: GroupExtra{ProjectRoles: map[string][]string{"default": {"Member"}, "web": {"Owner"}}}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, g.ID)
	}
	c := e.target.newClient(t)
	log := e.target.mock.Log()
	log.Reset()
	for _, id := range ids {
		g, err := c.ReadGroupDetails(e.ctx, platform.Group{ID: id, Extra: GroupExtra{}}, GroupExtra{ProjectRoles: map[string][]string{}})
		if err != nil {
			t.Fatal(err)
		}
		if got := rolesOf(g); !sameRoles(got, map[string][]string{"default": {"Member"}, "web": {"Owner"}}) {
			t.Errorf("group %s: %v", id, got)
		}
	}
	if lists, access := log.CountMatching(http.MethodGet, groupsPath), log.CountMatching(http.MethodGet, projectsPath); lists != 1 || access != 2 {
		t.Errorf("3 groups in 2 projects cost %d group lists and %d access reads, want 1 and 2", lists, access)
	}
	if _, err := c.UpdateGroup(e.ctx, ids[0], platform.GroupSpec{Name: "a", Extra: GroupExtra{ProjectRoles: map[string][]string{"web": {"Reader"}}}}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteGroup(e.ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	log.Reset()
	g, err := c.ReadGroupDetails(e.ctx, platform.Group{ID: ids[0], Extra: GroupExtra{}}, GroupExtra{ProjectRoles: map[string][]string{}})
	if err != nil {
		t.Fatal(err)
	}
	if got := rolesOf(g); !sameRoles(got, map[string][]string{"web": {"Reader"}}) {
		t.Errorf("after this client's update: %v", got)
	}
	if n := log.CountMatching(http.MethodGet, ""); n != 0 {
		t.Errorf("reading after this client's own writes sent %d GETs, want 0", n)
	}
	if got := e.readRoles(ids[0]); !sameRoles(got, map[string][]string{"web": {"Reader"}}) {
		t.Errorf("the server holds %v", got)
	}
}

func TestGroupProjectRolesUnsupportedOnOpenSource(t *testing.T) {
	for _, name := range []string{"mock", "real"} {
		t.Run(name, func(t *testing.T) {
			var tg target
			if name == "mock" {
				tg = mockTarget(t, unleashmock.Options{Edition: unleashmock.EditionOpenSource})
			} else {
				tg = realTarget(t)
			}
			ctx := context.Background()
			calls := map[string]func(c *Client) error{
				"read": func(c *Client) error {
					_, err := c.ReadGroupDetails(ctx, platform.Group{ID: "1", Extra: GroupExtra{}}, GroupExtra{ProjectRoles: map[string][]string{}})
					return err
				},
				// The access routes themselves, which the real open-source server does not have either.
				"write": func(c *Client) error {
					_, err := c.writeProjectRoles(ctx, 1, map[string][]string{"default": {"Owner"}}, true)
					return err
				},
			}
			for op, call := range calls {
				err := call(tg.newClient(t))
				var unsupported *platform.UnsupportedError
				if !errors.As(err, &unsupported) || unsupported.Reason != groupsUnsupportedReason || platform.IsNotFound(err) {
					t.Errorf("%s: got %T (%v), want *platform.UnsupportedError naming Enterprise", op, err, err)
				}
			}
		})
	}
}
