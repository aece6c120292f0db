package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

// listFilterRow is one platform's run of the list data sources' filters. Its objects define two users,
// local.ada_id and local.bob_id (emails ada and bob), and two groups, roster_user_group.eng with both and
// roster_user_group.ops with bob alone; the shared data sources (listFilterConfig) list the members of each
// group and the groups of each user.
type listFilterRow struct {
	name string
	// platform is the nested attribute list items carry.
	platform string
	// start serves a fresh mock, seeds it where the row needs more, and returns the provider block and
	// the row's objects and own data sources.
	start    func(t *testing.T) (config string)
	ada, bob string
	// adaGroups and bobGroups are the names of each user's groups, ordered by name.
	adaGroups, bobGroups []string
	checks               []statecheck.StateCheck
}

const listFilterConfig = `
data "roster_users" "eng" {
  group_id = roster_user_group.eng.id
}

data "roster_users" "ops" {
  group_id = roster_user_group.ops.id
}

data "roster_user_groups" "of_ada" {
  member_id  = local.ada_id
  depends_on = [roster_user_group.eng, roster_user_group.ops]
}

data "roster_user_groups" "of_bob" {
  member_id  = local.bob_id
  depends_on = [roster_user_group.eng, roster_user_group.ops]
}
`

// TestAccDataSources_filters: each list filter returns exactly the matching objects, on every platform,
// with the platform's nested attribute on every item.
func TestAccDataSources_filters(t *testing.T) {
	t.Parallel()
	for _, row := range listFilterRows {
		t.Run(row.name, func(t *testing.T) {
			config := row.start(t) + listFilterConfig
			checks := append([]statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.roster_users.eng", tfjsonpath.New("users"), usersWithEmails(row.ada, row.bob)),
				statecheck.ExpectKnownValue("data.roster_users.ops", tfjsonpath.New("users"), usersWithEmails(row.bob)),
				statecheck.ExpectKnownValue("data.roster_user_groups.of_ada", tfjsonpath.New("groups"), groupsNamed(row.adaGroups...)),
				statecheck.ExpectKnownValue("data.roster_user_groups.of_bob", tfjsonpath.New("groups"), groupsNamed(row.bobGroups...)),
				// List items carry the platform's nested attribute, and only that one.
				statecheck.ExpectKnownValue("data.roster_users.eng", tfjsonpath.New("users").AtSliceIndex(0).AtMapKey(row.platform), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.roster_users.eng", tfjsonpath.New("users").AtSliceIndex(0).AtMapKey(otherPlatform(row.platform)), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.roster_user_groups.of_bob", tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey(row.platform), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.roster_user_groups.of_bob", tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey(otherPlatform(row.platform)), knownvalue.Null()),
			}, row.checks...)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
			})
		})
	}
}

// usersWithEmails matches a list of users with exactly these emails, in this order.
func usersWithEmails(emails ...string) knownvalue.Check {
	items := make([]knownvalue.Check, len(emails))
	for i, e := range emails {
		items[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact(e)})
	}
	return knownvalue.ListExact(items)
}

// groupsNamed matches a list of groups with exactly these names, in this order.
func groupsNamed(names ...string) knownvalue.Check {
	items := make([]knownvalue.Check, len(names))
	for i, n := range names {
		items[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(n)})
	}
	return knownvalue.ListExact(items)
}

// otherPlatform names a nested attribute that must be null on the platform's items.
func otherPlatform(p string) string {
	if p == "authentik" {
		return "unleash"
	}
	return "authentik"
}

var listFilterRows = []listFilterRow{
	{
		name: "authentik", platform: "authentik", start: authentikListFilters,
		ada: "ada@example.com", bob: "bob@example.com",
		adaGroups: []string{"eng"}, bobGroups: []string{"eng", "ops"},
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.roster_users.by_username", tfjsonpath.New("users"), usersWithEmails("bob@example.com")),
			statecheck.ExpectKnownValue("data.roster_users.by_username", tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("authentik").AtMapKey("username"), knownvalue.StringExact("bob-login")),
			statecheck.ExpectKnownValue("data.roster_users.inactive", tfjsonpath.New("users"), usersWithEmails("bob@example.com")),
			statecheck.ExpectKnownValue("data.roster_users.eng_active", tfjsonpath.New("users"), usersWithEmails("ada@example.com")),
			// 105 members: more than one page of the server-side group filter.
			statecheck.ExpectKnownValue("data.roster_users.big", tfjsonpath.New("users"), knownvalue.ListSizeExact(105)),
		},
	},
	{
		name: "onyx", platform: "onyx", start: onyxListFilters,
		ada: onyxmock.AdaEmail, bob: onyxmock.GraceEmail,
		adaGroups: []string{onyxmock.BasicGroupName, "eng"}, bobGroups: []string{onyxmock.BasicGroupName, "eng", "ops"},
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.roster_users.admins", tfjsonpath.New("users"), usersWithEmails(onyxmock.AdminEmail)),
			statecheck.ExpectKnownValue("data.roster_users.basic", tfjsonpath.New("users"), usersWithEmails(onyxmock.AdaEmail, onyxmock.GraceEmail)),
		},
	},
	{
		name: "secoda", platform: "secoda", start: secodaListFilters,
		ada: "ada@example.com", bob: "bob@example.com",
		adaGroups: []string{"eng"}, bobGroups: []string{"eng", "ops"},
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.roster_users.editors", tfjsonpath.New("users"), usersWithEmails("ada@example.com")),
			// 55 members: more than one page (50), filtered after following every page.
			statecheck.ExpectKnownValue("data.roster_users.big", tfjsonpath.New("users"), knownvalue.ListSizeExact(55)),
		},
	},
	{
		name: "tyk_ai_studio", platform: "tyk_ai_studio", start: tykListFilters,
		ada: "ada@example.com", bob: "bob@example.com",
		adaGroups: []string{"Default", "eng"}, bobGroups: []string{"Default", "eng", "ops"},
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.roster_users.developers", tfjsonpath.New("users"), usersWithEmails("ada@example.com")),
		},
	},
	{
		name: "unleash", platform: "unleash", start: unleashListFilters,
		ada: "ada@example.com", bob: "bob@example.com",
		adaGroups: []string{"eng"}, bobGroups: []string{"eng", "ops"},
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.roster_users.by_username", tfjsonpath.New("users"), usersWithEmails("bob@example.com")),
			statecheck.ExpectKnownValue("data.roster_users.editors", tfjsonpath.New("users"), usersWithEmails("ada@example.com")),
		},
	},
}

// twoGroups are eng (ada and bob) and ops (bob).
const twoGroups = `
locals {
  ada_id = roster_user.ada.id
  bob_id = roster_user.bob.id
}

resource "roster_user_group" "eng" {
  name    = "eng"
  members = [local.ada_id, local.bob_id]
}

resource "roster_user_group" "ops" {
  name    = "ops"
  members = [local.bob_id]
}
`

func authentikListFilters(t *testing.T) string {
	mock := acctest.NewAuthentik(t)
	var big struct {
		PK string `json:"pk"`
	}
	if code := mock.API("POST", "/core/groups/", map[string]any{"name": "big"}, &big); code != 201 {
		t.Fatalf("seeding the big group: %d", code)
	}
	for i := range 105 {
		u := map[string]any{"username": fmt.Sprintf("bulk-%03d", i), "name": "Bulk", "email": fmt.Sprintf("bulk-%03d@example.com", i), "groups": []string{big.PK}}
		if code := mock.API("POST", "/core/users/", u, nil); code != 201 {
			t.Fatalf("seeding user %d: %d", i, code)
		}
	}
	return mock.Provider() + twoGroups + fmt.Sprintf(`
resource "roster_user" "ada" {
  email = "ada@example.com"
}

resource "roster_user" "bob" {
  email      = "bob@example.com"
  active     = false
  authentik  = { username = "bob-login" }
  depends_on = [roster_user.ada] # created second, listed second
}

data "roster_users" "by_username" {
  username   = "bob-login"
  depends_on = [roster_user.bob]
}

data "roster_users" "inactive" {
  active     = false
  depends_on = [roster_user.bob]
}

data "roster_users" "eng_active" {
  group_id = roster_user_group.eng.id
  active   = true
}

data "roster_users" "big" {
  group_id = %q
}
`, big.PK)
}

// onyxListFilters uses the seeded people: Ada and Grace (in Basic) and the admin.
func onyxListFilters(t *testing.T) string {
	mock := acctest.NewOnyx(t, onyxmock.GenerationCurrent)
	return mock.Provider() + fmt.Sprintf(`
locals {
  ada_id = %q
  bob_id = %q
}

resource "roster_user_group" "eng" {
  name    = "eng"
  members = [local.ada_id, local.bob_id]
}

resource "roster_user_group" "ops" {
  name    = "ops"
  members = [local.bob_id]
}

data "roster_users" "admins" {
  role = "ADMIN"
}

data "roster_users" "basic" {
  group_id = "%d"
}
`, onyxmock.AdaEmail, onyxmock.GraceEmail, onyxmock.BasicGroupID)
}

func secodaListFilters(t *testing.T) string {
	mock := acctest.NewSecoda(t, -1)
	var big struct {
		ID string `json:"id"`
	}
	if code := mock.API("POST", "/auth/group/", map[string]any{"name": "big"}, &big); code != 201 {
		t.Fatalf("seeding the big group: %d", code)
	}
	for i := range 55 {
		u := map[string]any{"email": fmt.Sprintf("bulk-%03d@example.com", i), "role": "viewer", "user_groups": []string{big.ID}}
		if code := mock.API("POST", "/user/", u, nil); code != 201 {
			t.Fatalf("seeding user %d: %d", i, code)
		}
	}
	return mock.Provider() + twoGroups + fmt.Sprintf(`
resource "roster_user" "ada" {
  email = "ada@example.com"
  role  = "editor"
}

resource "roster_user" "bob" {
  email      = "bob@example.com"
  role       = "viewer"
  depends_on = [roster_user.ada] # created second, listed second
}

data "roster_users" "editors" {
  role       = "Editor"
  depends_on = [roster_user.ada, roster_user.bob]
}

data "roster_users" "big" {
  group_id = %q
}
`, big.ID)
}

func tykListFilters(t *testing.T) string {
	mock := acctest.NewTyk(t, tykmock.Enterprise)
	return mock.Provider() + twoGroups + `
resource "roster_user" "ada" {
  email         = "ada@example.com"
  name          = "Ada"
  tyk_ai_studio = { show_portal = true }
}

resource "roster_user" "bob" {
  email         = "bob@example.com"
  name          = "Bob"
  tyk_ai_studio = { show_portal = false }
  depends_on    = [roster_user.ada] # created second, listed second
}

data "roster_users" "developers" {
  role       = "developer"
  depends_on = [roster_user.ada, roster_user.bob]
}
`
}

func unleashListFilters(t *testing.T) string {
	return unleashEnterprise(t).Provider() + twoGroups + `
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada"
  role  = "Editor"
}

resource "roster_user" "bob" {
  email      = "bob@example.com"
  name       = "Bob"
  role       = "Viewer"
  unleash    = { username = "bob-login" }
  depends_on = [roster_user.ada] # created second, listed second
}

data "roster_users" "by_username" {
  username   = "bob-login"
  depends_on = [roster_user.ada, roster_user.bob]
}

data "roster_users" "editors" {
  role       = "editor"
  depends_on = [roster_user.ada, roster_user.bob]
}
`
}
