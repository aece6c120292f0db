package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

// removal is one attribute set (or several) whose removal from the configuration must clear it on the
// platform.
type removal struct {
	// base is the provider block and what the object needs; with and without are the object's block with and
	// without the attributes.
	base, with, without string
	address             string
	// importID names the object for an import block.
	importID string
	// cleared are the values the plan must show once the attributes are removed.
	cleared []plancheck.PlanCheck
	// held counts, on the server, the values the attributes set; want is the count right after create.
	held func() (int, error)
	want int
}

type removalRow struct {
	name  string
	start func(t *testing.T) removal
}

var removalRows = []removalRow{
	{"authentik group", authentikGroupRemoval},
	{"authentik user", authentikUserRemoval},
	{"authentik api key", authentikKeyRemoval},
	{"onyx-v4.6 group", onyxGroupRemoval(onyxmock.GenerationV46)},
	{"onyx-current group", onyxGroupRemoval(onyxmock.GenerationCurrent)},
	{"tyk_ai_studio group", tykGroupRemoval},
	{"unleash group", unleashGroupRemoval},
}

// TestAccRemoval_clears: an attribute the configuration set and then dropped is cleared on the platform, the
// plan says so beforehand, and the next plan is empty.
func TestAccRemoval_clears(t *testing.T) {
	t.Parallel()
	for _, row := range removalRows {
		t.Run(row.name, func(t *testing.T) {
			r := row.start(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					{Config: r.base + r.with, Check: r.holds(r.want)},
					{
						Config: r.base + r.without,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append([]plancheck.PlanCheck{
							plancheck.ExpectResourceAction(r.address, plancheck.ResourceActionUpdate),
						}, r.cleared...)},
						Check: r.holds(0),
					},
					{Config: r.base + r.without, ConfigPlanChecks: noChanges},
				},
			})
		})
	}
}

// TestAccRemoval_setByUpdate: an attribute first set by an update, not on create, is recorded too.
func TestAccRemoval_setByUpdate(t *testing.T) {
	t.Parallel()
	for _, row := range removalRows {
		t.Run(row.name, func(t *testing.T) {
			r := row.start(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					{Config: r.base + r.without, Check: r.holds(0)},
					{Config: r.base + r.with, Check: r.holds(r.want)},
					{Config: r.base + r.without, ConfigPlanChecks: plansFor(r.address, plancheck.ResourceActionUpdate), Check: r.holds(0)},
					{Config: r.base + r.without, ConfigPlanChecks: noChanges},
				},
			})
		})
	}
}

// TestAccRemoval_importedKeepsValues: an imported object's attributes are unmanaged until a configuration
// sets them, so a configuration without them clears nothing.
func TestAccRemoval_importedKeepsValues(t *testing.T) {
	t.Parallel()
	for _, row := range removalRows {
		t.Run(row.name, func(t *testing.T) {
			r := row.start(t)
			forget := fmt.Sprintf(`
removed {
  from = %s
  lifecycle {
    destroy = false
  }
}
`, r.address)
			importBlock := fmt.Sprintf(`
import {
  to = %s
  id = %q
}
`, r.address, r.importID)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					{Config: r.base + r.with, Check: r.holds(r.want)},
					{Config: r.base + forget},
					{Config: r.base + r.without + importBlock, Check: r.holds(r.want)},
					{Config: r.base + r.without, ConfigPlanChecks: noChanges, Check: r.holds(r.want)},
				},
			})
		})
	}
}

// holds checks that the server holds n of the values.
func (r removal) holds(n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := r.held()
		if err != nil {
			return err
		}
		if got != n {
			return fmt.Errorf("the server holds %d of the configured values, want %d", got, n)
		}
		return nil
	}
}

// count adds one for each true.
func count(conds ...bool) int {
	n := 0
	for _, c := range conds {
		if c {
			n++
		}
	}
	return n
}

func plannedEmptySet(address string, p tfjsonpath.Path) plancheck.PlanCheck {
	return plancheck.ExpectKnownValue(address, p, knownvalue.SetSizeExact(0))
}

func authentikGroupRemoval(t *testing.T) removal {
	mock := acctest.NewAuthentik(t)
	const address = "roster_user_group.child"
	return removal{
		base: mock.Provider() + `
resource "roster_user_group" "parent" {
  name = "parent"
}
`,
		with: `
resource "roster_user_group" "child" {
  name = "child"
  authentik = {
    is_superuser = true
    parents      = [roster_user_group.parent.id]
    attributes   = jsonencode({ team = "platform" })
  }
}
`,
		without: `
resource "roster_user_group" "child" {
  name = "child"
}
`,
		address:  address,
		importID: "name=child",
		cleared: []plancheck.PlanCheck{
			plancheck.ExpectKnownValue(address, tfjsonpath.New("authentik").AtMapKey("is_superuser"), knownvalue.Bool(false)),
			plannedEmptySet(address, tfjsonpath.New("authentik").AtMapKey("parents")),
			plancheck.ExpectKnownValue(address, tfjsonpath.New("authentik").AtMapKey("attributes"), knownvalue.StringExact("{}")),
		},
		held: func() (int, error) {
			var list struct {
				Results []struct {
					IsSuperuser bool           `json:"is_superuser"`
					Parents     []string       `json:"parents"`
					Attributes  map[string]any `json:"attributes"`
				} `json:"results"`
			}
			if code := mock.API("GET", "/core/groups/?name=child", nil, &list); code != 200 || len(list.Results) != 1 {
				return 0, fmt.Errorf("group child not on the server: %d", code)
			}
			g := list.Results[0]
			return count(g.IsSuperuser, len(g.Parents) == 1, g.Attributes["team"] == "platform"), nil
		},
		want: 3,
	}
}

func authentikUserRemoval(t *testing.T) removal {
	mock := acctest.NewAuthentik(t)
	const address = "roster_user.ada"
	return removal{
		base: mock.Provider(),
		with: `
resource "roster_user" "ada" {
  email     = "ada@example.com"
  name      = "Ada"
  authentik = { attributes = jsonencode({ desk = "3F" }) }
}
`,
		without: `
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada"
}
`,
		address:  address,
		importID: "email=ada@example.com",
		cleared: []plancheck.PlanCheck{
			plancheck.ExpectKnownValue(address, tfjsonpath.New("authentik").AtMapKey("attributes"), knownvalue.StringExact("{}")),
		},
		held: func() (int, error) {
			var list struct {
				Results []struct {
					Attributes map[string]any `json:"attributes"`
				} `json:"results"`
			}
			if code := mock.API("GET", "/core/users/?email=ada@example.com", nil, &list); code != 200 || len(list.Results) != 1 {
				return 0, fmt.Errorf("user ada not on the server: %d", code)
			}
			return count(list.Results[0].Attributes["desk"] == "3F"), nil
		},
		want: 1,
	}
}

func authentikKeyRemoval(t *testing.T) removal {
	mock := acctest.NewAuthentik(t)
	const address = "roster_api_key.ci"
	return removal{
		base: mock.Provider(),
		with: `
resource "roster_api_key" "ci" {
  name        = "ci"
  description = "deploys"
}
`,
		without: `
resource "roster_api_key" "ci" {
  name = "ci"
}
`,
		address:  address,
		importID: "ci",
		cleared: []plancheck.PlanCheck{
			plancheck.ExpectKnownValue(address, tfjsonpath.New("description"), knownvalue.StringExact("")),
		},
		held: func() (int, error) {
			var tok struct {
				Description string `json:"description"`
			}
			if code := mock.API("GET", "/core/tokens/ci/", nil, &tok); code != 200 {
				return 0, fmt.Errorf("token ci not on the server: %d", code)
			}
			return count(tok.Description == "deploys"), nil
		},
		want: 1,
	}
}

func onyxGroupRemoval(generation string) func(*testing.T) removal {
	return func(t *testing.T) removal {
		mock := acctest.NewOnyx(t, generation)
		const address = "roster_user_group.eng"
		members := fmt.Sprintf("members = [%s]", quotedList([]string{onyxmock.AdaEmail, onyxmock.GraceEmail}))
		return removal{
			base: mock.Provider(),
			with: fmt.Sprintf(`
resource "roster_user_group" "eng" {
  name = "eng"
  %s
  onyx = {
    cc_pair_ids = ["1"]
    curator_ids = [%q]
  }
}
`, members, onyxmock.GraceEmail),
			// members leave the configuration too: they stay (unmanaged), the curators go
			without: `
resource "roster_user_group" "eng" {
  name = "eng"
}
`,
			address:  address,
			importID: "name=eng",
			cleared: []plancheck.PlanCheck{
				plannedEmptySet(address, tfjsonpath.New("onyx").AtMapKey("cc_pair_ids")),
				plannedEmptySet(address, tfjsonpath.New("onyx").AtMapKey("curator_ids")),
			},
			held: func() (int, error) {
				var groups []struct {
					Name       string   `json:"name"`
					CCPairs    []any    `json:"cc_pairs"`
					CuratorIDs []string `json:"curator_ids"` // v4.6
					ManagerIDs []string `json:"manager_ids"` // current
				}
				if code := mock.API("GET", "/manage/admin/user-group", nil, &groups); code != 200 {
					return 0, fmt.Errorf("cannot list groups: %d", code)
				}
				for _, g := range groups {
					if g.Name == "eng" {
						return len(g.CCPairs) + len(g.CuratorIDs) + len(g.ManagerIDs), nil
					}
				}
				return 0, fmt.Errorf("group eng not on the server")
			},
			want: 2,
		}
	}
}

func tykGroupRemoval(t *testing.T) removal {
	mock := acctest.NewTyk(t, tykmock.Enterprise)
	const address = "roster_user_group.ml"
	return removal{
		base: mock.Provider(),
		with: `
resource "roster_user_group" "ml" {
  name = "ml"
  tyk_ai_studio = {
    catalogue_ids      = ["1", "2"]
    data_catalogue_ids = ["3"]
    tool_catalogue_ids = ["2"]
  }
}
`,
		without: `
resource "roster_user_group" "ml" {
  name = "ml"
}
`,
		address:  address,
		importID: "name=ml",
		cleared: []plancheck.PlanCheck{
			plannedEmptySet(address, tfjsonpath.New("tyk_ai_studio").AtMapKey("catalogue_ids")),
			plannedEmptySet(address, tfjsonpath.New("tyk_ai_studio").AtMapKey("data_catalogue_ids")),
			plannedEmptySet(address, tfjsonpath.New("tyk_ai_studio").AtMapKey("tool_catalogue_ids")),
		},
		held: func() (int, error) {
			var list struct {
				Data []struct {
					Attributes struct {
						Name               string `json:"name"`
						CatalogueCount     int    `json:"catalogue_count"`
						DataCatalogueCount int    `json:"data_catalogue_count"`
						ToolCatalogueCount int    `json:"tool_catalogue_count"`
					} `json:"attributes"`
				} `json:"data"`
			}
			if code := mock.API("GET", "/groups?all=true", nil, &list); code != 200 {
				return 0, fmt.Errorf("cannot list groups: %d", code)
			}
			for _, g := range list.Data {
				if a := g.Attributes; a.Name == "ml" {
					return a.CatalogueCount + a.DataCatalogueCount + a.ToolCatalogueCount, nil
				}
			}
			return 0, fmt.Errorf("group ml not on the server")
		},
		want: 4,
	}
}

func unleashGroupRemoval(t *testing.T) removal {
	target := acctest.UnleashTargets[0].Start(t) // the Enterprise mock: the open-source server has no groups
	const address = "roster_user_group.team"
	return removal{
		base: target.Provider(),
		with: `
resource "roster_user_group" "team" {
  name        = "team"
  description = "feature owners"
  unleash = {
    root_role    = "Editor"
    sso_mappings = ["okta-feature-owners"]
  }
}
`,
		without: `
resource "roster_user_group" "team" {
  name = "team"
}
`,
		address:  address,
		importID: "name=team",
		cleared: []plancheck.PlanCheck{
			plancheck.ExpectKnownValue(address, tfjsonpath.New("unleash").AtMapKey("root_role"), knownvalue.StringExact("")),
			plannedEmptySet(address, tfjsonpath.New("unleash").AtMapKey("sso_mappings")),
		},
		held: func() (int, error) {
			var list struct {
				Groups []struct {
					Name        string   `json:"name"`
					Description *string  `json:"description"`
					RootRole    *int     `json:"rootRole"`
					MappingsSSO []string `json:"mappingsSSO"`
				} `json:"groups"`
			}
			if code := target.API("GET", "/api/admin/groups", nil, &list); code != 200 {
				return 0, fmt.Errorf("cannot list groups: %d", code)
			}
			for _, g := range list.Groups {
				if g.Name == "team" {
					hasDescription := g.Description != nil && *g.Description != ""
					return count(hasDescription, g.RootRole != nil && *g.RootRole != 0, len(g.MappingsSSO) > 0), nil
				}
			}
			return 0, fmt.Errorf("group team not on the server")
		},
		want: 3,
	}
}

// TestAccRemoval_membersStayUnmanaged: members dropped from the configuration are left alone, by contract,
// so that roster_user_group_membership can manage them.
func TestAccRemoval_membersStayUnmanaged(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	config := func(members string) string {
		return mock.Provider() + `
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada"
}

resource "roster_user_group" "team" {
  name = "team"
  ` + members + `
}
`
	}
	members := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			var list struct {
				Results []struct {
					Users []int `json:"users"`
				} `json:"results"`
			}
			if code := mock.API("GET", "/core/groups/?name=team", nil, &list); code != 200 || len(list.Results) != 1 {
				return fmt.Errorf("group team not on the server: %d", code)
			}
			if got := len(list.Results[0].Users); got != want {
				return fmt.Errorf("the group has %d members, want %d", got, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{Config: config("members = [roster_user.ada.id]"), Check: members(1)},
			{Config: config(""), Check: members(1)},
			{Config: config(""), ConfigPlanChecks: noChanges},
		},
	})
}
