package onyx

import (
	"errors"
	"net/http"
	"slices"
	"testing"

	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// serverGrants reads a group's grants past the client: what the server holds, basic included.
func (c *contract) serverGrants(id string) []string {
	c.t.Helper()
	path := "/manage/admin/user-group/" + id + "/permissions"
	if c.gen == GenerationCurrent {
		path += "?include_non_toggleable=true"
	}
	var out []string
	for _, p := range c.raw(http.MethodGet, path).([]any) {
		out = append(out, p.(string))
	}
	slices.Sort(out)
	return out
}

func extraOf(g platform.Group) GroupExtra {
	e, _ := g.Extra.(GroupExtra)
	return e
}

// Permissions and incognito access through a group's life: written after the create, read only when asked
// (the list of groups does not carry grants), changed with one PUT (current) or one toggle per difference
// (v4.6), cleared by an empty set.
func TestContractGroupPermissions(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		created := c.group("eng", []string{ada}, &GroupExtra{Permissions: []string{"manage:llms", "manage:connectors"}, IncognitoEnabled: ptr(true)})
		if e := extraOf(created); !slices.Equal(e.Permissions, []string{"manage:connectors", "manage:llms"}) || e.IncognitoEnabled == nil || !*e.IncognitoEnabled {
			t.Errorf("created: %+v", e)
		}
		if got := c.serverGrants(created.ID); !slices.Equal(got, []string{"basic", "manage:connectors", "manage:llms"}) {
			t.Errorf("server's grants after create: %v", got)
		}
		if c.rawGroup(created.ID)["incognito_enabled"] != true {
			t.Error("incognito not set on the server")
		}

		// A read is the list alone; the details cost a request only where they are tracked.
		c.nextCommand()
		c.mock.Log().Reset()
		read, err := c.client.ReadGroup(c.ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		if e := extraOf(read); e.Permissions != nil || !*e.IncognitoEnabled {
			t.Errorf("read: %+v", e)
		}
		if same, _ := c.client.ReadGroupDetails(c.ctx, read, GroupExtra{}); extraOf(same).Permissions != nil {
			t.Errorf("untracked grants were read: %+v", extraOf(same))
		}
		if n := c.mock.Log().CountMatching(http.MethodGet, "/api/manage/admin/user-group/"+created.ID+"/permissions"); n != 0 {
			t.Errorf("%d reads of the grants before any was tracked", n)
		}
		detailed, err := c.client.ReadGroupDetails(c.ctx, read, GroupExtra{Permissions: []string{}})
		if err != nil {
			t.Fatal(err)
		}
		if got := extraOf(detailed).Permissions; !slices.Equal(got, []string{"manage:connectors", "manage:llms"}) {
			t.Errorf("tracked grants: %v", got)
		}

		// Change: manage:agents in, manage:connectors out, incognito off.
		c.mock.Log().Reset()
		updated, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "eng",
			Extra: GroupExtra{Permissions: []string{"manage:agents", "manage:llms"}, IncognitoEnabled: ptr(false)}})
		if err != nil {
			t.Fatal(err)
		}
		if e := extraOf(updated); !slices.Equal(e.Permissions, []string{"manage:agents", "manage:llms"}) || *e.IncognitoEnabled {
			t.Errorf("updated: %+v", e)
		}
		puts := c.mock.Log().CountMatching(http.MethodPut, "/api/manage/admin/user-group/"+created.ID+"/permissions")
		if want := map[Generation]int{GenerationV46: 2, GenerationCurrent: 1}[gen]; puts != want {
			t.Errorf("%d PUTs of the grants, want %d", puts, want)
		}
		if got := c.serverGrants(created.ID); !slices.Equal(got, []string{"basic", "manage:agents", "manage:llms"}) {
			t.Errorf("server's grants after update: %v", got)
		}

		// The same again sends no grant toggle on v4.6 and one idempotent PUT on current; incognito is not sent.
		c.mock.Log().Reset()
		if _, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "eng",
			Extra: GroupExtra{Permissions: []string{"manage:llms", "manage:agents"}, IncognitoEnabled: ptr(false)}}); err != nil {
			t.Fatal(err)
		}
		if n := c.mock.Log().CountMatching(http.MethodPatch, "/api/manage/admin/user-group/"+created.ID+"/incognito"); n != 0 {
			t.Errorf("%d incognito writes for an unchanged flag", n)
		}

		// Clear: only basic stays.
		cleared, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "eng", Extra: GroupExtra{Permissions: []string{}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := extraOf(cleared).Permissions; got == nil || len(got) != 0 {
			t.Errorf("cleared: %#v", got)
		}
		if got := c.serverGrants(created.ID); !slices.Equal(got, []string{"basic"}) {
			t.Errorf("server's grants after clearing: %v", got)
		}
		// After an import (nothing tracked) an empty set stays unmanaged.
		if g, _ := c.client.ReadGroupDetails(c.ctx, read, nil); extraOf(g).Permissions != nil {
			t.Errorf("import of a group with no grants: %v", extraOf(g).Permissions)
		}
	})
}

// What a group cannot be given fails before any request: basic, admin, implied tokens, the other generation's
// permissions (once the generation is known), and current Onyx's default groups.
func TestValidatePermissions(t *testing.T) {
	spec := func(name string, perms ...string) platform.GroupSpec {
		return platform.GroupSpec{Name: name, Extra: GroupExtra{Permissions: perms}}
	}
	cases := []struct {
		spec platform.GroupSpec
		gen  Generation
		want string
	}{
		{spec("g", "basic"), "", "every Onyx group grants basic by itself"},
		{spec("g", "admin"), GenerationCurrent, "only through its default Admin group"},
		{spec("g", "read:connectors"), "", "implied by basic or admin"},
		{spec("g", "manage:everything"), "", `"manage:everything" is not a permission`},
		{spec("g", "add:connectors"), GenerationCurrent, "add:connectors is a permission of Onyx v4.6; current Onyx has no such permission"},
		{spec("g", "manage:bots"), GenerationV46, "manage:bots is a permission of current Onyx; Onyx v4.6 has no such permission"},
		{spec("Admin", "manage:llms"), GenerationCurrent, "refuses their permissions and incognito access"},
		{platform.GroupSpec{Name: "Basic", Extra: GroupExtra{IncognitoEnabled: ptr(true)}}, GenerationCurrent, "refuses their permissions and incognito access"},
	}
	for _, tc := range cases {
		errs := validateGroup(tc.spec, tc.gen)
		if len(errs) != 1 || !containsAll(errs[0].Message, tc.want) {
			t.Errorf("%+v on %q: %v, want %q", tc.spec.Extra, tc.gen, errs, tc.want)
		}
	}
	for _, ok := range []struct {
		spec platform.GroupSpec
		gen  Generation
	}{
		{spec("g", "add:connectors", "manage:bots"), ""}, // either generation's, until it is known
		{spec("Admin", "manage:llms"), GenerationV46},    // v4.6 takes them on default groups too
		{spec("g", ""), GenerationCurrent},               // unknown at plan time
	} {
		if errs := validateGroup(ok.spec, ok.gen); len(errs) != 0 {
			t.Errorf("%+v on %q: %v", ok.spec.Extra, ok.gen, errs)
		}
	}
}

// The generation's rules hold at apply time too, when plan time could not know the generation; and current
// Onyx's default groups are refused before a request, with the attribute named.
func TestContractPermissionsRefused(t *testing.T) {
	c := newContract(t, GenerationCurrent, onyxmock.Options{})
	_, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "early", Extra: GroupExtra{Permissions: []string{"create:slack_discord_bots"}}})
	if !isInvalid(err) || !containsAll(err.Error(), "create:slack_discord_bots is a permission of Onyx v4.6") {
		t.Errorf("v4.6 permission on current, at create: %v", err)
	}
	if n := c.writes(); n != 0 {
		t.Errorf("%d writes sent for a group whose permissions the server would refuse", n)
	}
	created := c.group("eng", nil, nil)
	c.nextCommand()
	before := c.writes()
	_, err = c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "eng", Members: []string{ada}, Extra: GroupExtra{Permissions: []string{"add:connectors"}}})
	if !isInvalid(err) || !containsAll(err.Error(), "add:connectors is a permission of Onyx v4.6") {
		t.Errorf("v4.6 permission on current: %v", err)
	}
	c.nextCommand() // a client that has not detected the generation yet: plan time could not refuse this
	_, err = c.client.UpdateGroup(c.ctx, "2", platform.GroupSpec{Name: "Basic", Extra: GroupExtra{IncognitoEnabled: ptr(true)}})
	if !isInvalid(err) || !containsAll(err.Error(), "refuses their permissions and incognito access") {
		t.Errorf("incognito on Basic: %v", err)
	}
	if n := c.writes() - before; n != 0 {
		t.Errorf("%d writes sent for refused settings", n)
	}

	// v4.6 accepts both on a default group.
	v46 := newContract(t, GenerationV46, onyxmock.Options{})
	if _, err := v46.client.UpdateGroup(v46.ctx, "2", platform.GroupSpec{Name: "Basic", Extra: GroupExtra{IncognitoEnabled: ptr(true), Permissions: []string{"manage:llms"}}}); err != nil {
		t.Fatal(err)
	}
	if got := v46.serverGrants("2"); !slices.Equal(got, []string{"basic", "manage:llms"}) {
		t.Errorf("Basic's grants on v4.6: %v", got)
	}
}

func isInvalid(err error) bool {
	var invalid *platform.InvalidError
	return errors.As(err, &invalid)
}
