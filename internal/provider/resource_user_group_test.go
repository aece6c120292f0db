package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

// TestAccUserGroup_lifecycle runs every platform's roster_user_group lifecycle: one row per platform (and
// per API generation where those differ).
func TestAccUserGroup_lifecycle(t *testing.T) {
	t.Parallel()
	runLifecycles(t, groupLifecycles)
}

// groupLifecycles are the rows of TestAccUserGroup_lifecycle; TestEveryPlatformHasLifecycleRows holds them to the registry.
var groupLifecycles = []lifecycleRow{
	{"authentik", authentikGroup},
	{"onyx-v4.6", onyxGroup(onyxmock.GenerationV46)},
	{"onyx-current", onyxGroup(onyxmock.GenerationCurrent)},
	{"secoda", secodaGroup},
	{"tyk_ai_studio", tykGroup},
	{"unleash", unleashGroup}, // the Enterprise mock: the open-source server has no groups
}

func authentikGroup(t *testing.T) lifecycle {
	mock := acctest.NewAuthentik(t)
	config := func(groupName, members string) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}

resource "roster_user" "grace" {
  email = "grace@example.com"
  name  = "Grace Hopper"
}

resource "roster_user_group" "platform" {
  name    = %q
  members = %s
  authentik = { attributes = jsonencode({ team = "platform" }) }
}
`, groupName, members)
	}
	group := "roster_user_group.platform"
	var groupID string
	both := config("platform-core", "[roster_user.ada.id, roster_user.grace.id]")
	reordered := config("platform-core", "[roster_user.grace.id, roster_user.ada.id]")
	return lifecycle{
		address: group,
		// with members and authentik-only fields
		create: config("platform-team", "[roster_user.ada.id]"),
		created: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("platform-team")),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRE)),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(1)),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("authentik").AtMapKey("is_superuser"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("authentik").AtMapKey("attributes"), knownvalue.StringExact(`{"team":"platform"}`)),
			statecheck.CompareValuePairs(group, tfjsonpath.New("members").AtSliceIndex(0),
				"roster_user.ada", tfjsonpath.New("id"), compareEqual),
		},
		createdCheck: resource.ComposeTestCheckFunc(saveID(group, &groupID), func(*terraform.State) error {
			var g map[string]any
			if code := mock.API("GET", "/core/groups/"+groupID+"/", nil, &g); code != 200 {
				return fmt.Errorf("group not on the server: %d", code)
			}
			if users := g["users"].([]any); len(users) != 1 {
				return fmt.Errorf("server has %d members, want 1", len(users))
			}
			return nil
		}),
		// rename and change members
		update: both,
		updated: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("platform-core")),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
		},
		// The import lists members sorted, which ImportStateVerify (comparing list positions) cannot judge;
		// the import block, with the members in another order than the import's, shows they plan no change.
		imports: []resource.TestStep{
			{ImportStateVerify: true, ImportStateVerifyIgnore: []string{"members"}},
			{ImportStateId: "name=platform-core", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"members"}},
			{Config: reordered, ImportStateKind: resource.ImportBlockWithID},
		},
		// membership changed behind Terraform's back: the plan shows it
		drift: func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"users": []int{1}}) },
		extra: []resource.TestStep{
			{ // apply repairs it
				Config:           both,
				ConfigPlanChecks: plansFor(group, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
				},
			},
			{Config: reordered, ConfigPlanChecks: noChanges}, // the same members in another order: no change
			{ // the server lists the members in another order: no drift
				PreConfig: func() {
					var g map[string]any
					mock.API("GET", "/core/groups/"+groupID+"/", nil, &g)
					users := g["users"].([]any)
					mock.Hook("PATCH", "groups/"+groupID, map[string]any{"users": []any{users[1], users[0]}})
				},
				Config:   both,
				PlanOnly: true,
			},
			{ // renamed in the UI: drift
				PreConfig:          func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"name": "renamed-in-ui"}) },
				Config:             both,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
		remove: func() { mock.Hook("DELETE", "groups/"+groupID, nil) },
		recreated: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("platform-core")),
		},
		checkDestroy: checkAuthentikGone(mock, "groups", "platform-team", "platform-core"),
	}
}

// onyxGroup: a group of signed-up users with a curator and a connector, read back by a data source. Create
// waits for the group's background sync; an invitee can join once signed up.
func onyxGroup(generation string) func(*testing.T) lifecycle {
	return func(t *testing.T) lifecycle {
		mock := acctest.NewOnyx(t, generation)
		invitee := mock.Provider() + `
resource "roster_user" "new" {
  email = "newcomer@example.com"
}
`
		config := func(groupName, curator string, members ...string) string {
			return invitee + fmt.Sprintf(`
resource "roster_user_group" "eng" {
  name    = %q
  members = [%s]
  onyx = {
    cc_pair_ids = ["1"]
    curator_ids = [%q]
  }
}

data "roster_user_group" "eng" {
  id = roster_user_group.eng.id
}
`, groupName, quotedList(members), curator)
		}
		group, user, data := "roster_user_group.eng", "roster_user.new", "data.roster_user_group.eng"
		var groupID string
		everyone := []string{onyxmock.AdaEmail, onyxmock.GraceEmail, "newcomer@example.com"}
		renamed := config("engineering", onyxmock.GraceEmail, everyone...)
		return lifecycle{
			address: group,
			create:  config("eng", onyxmock.AdaEmail, onyxmock.AdaEmail),
			created: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(group, tfjsonpath.New("onyx").AtMapKey("curator_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(onyxmock.AdaEmail)})),
				statecheck.CompareValuePairs(data, tfjsonpath.New("members"), group, tfjsonpath.New("members"), compareEqual),
			},
			createdCheck: saveID(group, &groupID),
			afterCreate: []resource.TestStep{
				// the sync does not show as drift
				{Config: config("eng", onyxmock.AdaEmail, onyxmock.AdaEmail), ConfigPlanChecks: noChanges},
				{ // the invitee signs up (same id, status active), then joins the group with grace
					PreConfig: func() { mock.Hook("POST", "users/newcomer@example.com/signup", nil) },
					Config:    config("eng", onyxmock.AdaEmail, everyone...),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(user, plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringExact("newcomer@example.com")),
						statecheck.ExpectKnownValue(user, tfjsonpath.New("onyx").AtMapKey("status"), knownvalue.StringExact("active")),
						statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(3)),
						// The data source is read after the update, in the same process: it sees the write.
						statecheck.CompareValuePairs(data, tfjsonpath.New("members"), group, tfjsonpath.New("members"), compareEqual),
					},
				},
			},
			// rename and a new curator (manager)
			update: renamed,
			updated: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("engineering")),
				statecheck.ExpectKnownValue(data, tfjsonpath.New("name"), knownvalue.StringExact("engineering")),
			},
			imports: []resource.TestStep{
				{ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts", "members"}},
				{ImportStateId: "name=engineering", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"members"}},
			},
			drift: func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"name": "renamed"}) }, // renamed in the UI
			extra: []resource.TestStep{
				{Config: invitee}, // delete the group: Onyx keeps its row, holding the name, until the next sync ...
				{ // ... so a create with the same name waits for that row, then succeeds
					Config: renamed,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("engineering")),
					},
				},
			},
		}
	}
}

// secodaGroup: a group with a description and an icon, whose members (an invitee and a guest) change in
// the UI.
func secodaGroup(t *testing.T) lifecycle {
	mock := acctest.NewSecoda(t, -1)
	config := func(groupName, description string) string {
		return secodaUsersConfig(mock, "Editor") + fmt.Sprintf(`
resource "roster_user_group" "data" {
  name        = %q
  description = %q
  members     = [roster_user.ada.id, roster_user.guest.id]
  secoda      = { icon = "📊" }
}
`, groupName, description)
	}
	group := "roster_user_group.data"
	var groupID string
	return lifecycle{
		address: group,
		create:  config("data-team", "Analytics"),
		created: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("description"), knownvalue.StringExact("Analytics")),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("secoda").AtMapKey("icon"), knownvalue.StringExact("📊")),
		},
		createdCheck: saveID(group, &groupID),
		update:       config("data-platform", "Analytics and BI"),
		updated: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("data-platform")),
		},
		imports: []resource.TestStep{
			{ImportStateKind: resource.ImportBlockWithID},
			{ImportStateId: "name=data-platform", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"members"}},
		},
		// membership changed in the UI
		drift: func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"users": []string{}}) },
		extra: []resource.TestStep{{ // apply restores the membership
			Config:           config("data-platform", "Analytics and BI"),
			ConfigPlanChecks: plansFor(group, plancheck.ResourceActionUpdate),
		}},
		checkDestroy: checkSecodaGone(mock, "data-team", "data-platform", "ada@example.com", "guest@example.com"),
	}
}

// tykGroup: a group with catalogues; Tyk AI Studio puts every new user into its Default group too.
func tykGroup(t *testing.T) lifecycle {
	mock := acctest.NewTyk(t, tykmock.Enterprise)
	config := func(groupName string) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}

resource "roster_user" "grace" {
  email = "grace@example.com"
  name  = "Grace Hopper"
}

resource "roster_user_group" "ml" {
  name    = %q
  members = [roster_user.ada.id, roster_user.grace.id]
  tyk_ai_studio = {
    catalogue_ids      = ["1", "2"]
    data_catalogue_ids = ["3"]
  }
}
`, groupName)
	}
	group := "roster_user_group.ml"
	var groupID string
	return lifecycle{
		address: group,
		create:  config("ml-team"),
		created: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("tyk_ai_studio").AtMapKey("catalogue_ids"), knownvalue.SetSizeExact(2)),
		},
		createdCheck: saveID(group, &groupID),
		// every new user joins the Default group: no drift from that
		afterCreate: []resource.TestStep{{Config: config("ml-team"), ConfigPlanChecks: noChanges}},
		update:      config("ml-platform"),
		updatedCheck: func(*terraform.State) error {
			var members struct {
				Data []any `json:"data"`
			}
			mock.API("GET", "/groups/"+groupID+"/users?all=true", nil, &members)
			if len(members.Data) != 2 {
				return fmt.Errorf("the rename lost members: %d left", len(members.Data))
			}
			return nil
		},
		imports: []resource.TestStep{
			{ImportStateKind: resource.ImportBlockWithID},
			{ImportStateId: "name=ml-platform", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"members"}},
		},
		drift:        func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"name": "renamed"}) }, // renamed in the UI
		checkDestroy: checkTykGone(mock, "ml-team", "ml-platform", "ada@example.com"),
	}
}

// unleashGroup: a group with a root role and SSO mappings.
func unleashGroup(t *testing.T) lifecycle {
	target := unleashEnterprise(t)
	config := func(groupName, rootRole string) string {
		return target.Provider() + fmt.Sprintf(`
resource "roster_user" "a" {
  email = "a@example.com"
  name  = "Ann"
  role  = "Viewer"
}

resource "roster_user" "b" {
  email = "b@example.com"
  name  = "Ben"
  role  = "Viewer"
}

resource "roster_user_group" "team" {
  name        = %q
  description = "feature owners"
  members     = [roster_user.a.id, roster_user.b.id]
  unleash = {
    root_role    = %q
    sso_mappings = ["okta-feature-owners"]
  }
}
`, groupName, rootRole)
	}
	group := "roster_user_group.team"
	var groupID string
	return lifecycle{
		address: group,
		create:  config("owners", "Editor"),
		created: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("unleash").AtMapKey("root_role"), knownvalue.StringExact("Editor")),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("unleash").AtMapKey("sso_mappings"), knownvalue.SetSizeExact(1)),
		},
		createdCheck: saveID(group, &groupID),
		update:       config("feature-owners", "Viewer"),
		updated: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("feature-owners")),
			statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
		},
		imports: []resource.TestStep{
			{ImportStateKind: resource.ImportBlockWithID},
			{ImportStateId: "name=feature-owners", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"members"}},
		},
		drift:  func() { target.Hook("PATCH", "groups/"+groupID, map[string]any{"description": "edited in the UI"}) },
		remove: func() { target.Hook("DELETE", "groups/"+groupID, nil) },
	}
}

// TestAccUserGroup_unmanagedMembers: without `members`, members added elsewhere are no drift.
func TestAccUserGroup_unmanagedMembers(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	config := mock.Provider() + `
resource "roster_user_group" "sso" {
  name = "sso-synced"
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("roster_user_group.sso", tfjsonpath.New("members"), knownvalue.Null()),
				},
			},
			{
				PreConfig: func() {
					var list struct {
						Results []struct {
							PK string `json:"pk"`
						} `json:"results"`
					}
					mock.API("GET", "/core/groups/?name=sso-synced", nil, &list)
					if len(list.Results) != 1 {
						t.Fatalf("want the group on the server, got %d", len(list.Results))
					}
					mock.API("POST", "/core/groups/"+list.Results[0].PK+"/add_user/", map[string]any{"pk": 1}, nil)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}

func TestAccUserGroup_planTimeErrors(t *testing.T) {
	t.Parallel()
	runPlanTimeErrors(t, "roster_user_group", map[string]planTimeError{
		"empty name": {"authentik", `name = ""`, []string{"Attribute name string length must be at least 1"}},
		"description on authentik": {"authentik", `name        = "g"
  description = "not stored by authentik"`, []string{"Attribute not supported on authentik", "authentik groups have no description"}},
		"secoda block under authentik": {"authentik", `name   = "g"
  secoda = { icon = "x" }`, []string{"Attribute for another platform", `"secoda" holds Secoda-only settings`, "configured for authentik"}},
		"parent that is not a uuid": {"authentik", `name      = "g"
  authentik = { parents = ["not-a-uuid"] }`, []string{"must be a UUID"}},
		"attributes that are not an object": {"authentik", `name      = "g"
  authentik = { attributes = jsonencode(["a"]) }`, []string{"authentik.attributes: must be a JSON object"}},
		"authentik attribute under secoda": {"secoda", `name      = "g"
  authentik = { is_superuser = true }`, []string{"Attribute for another platform", "configured for Secoda"}},
		"group description": {"tyk_ai_studio", `name        = "g"
  description = "x"`, []string{"Attribute not supported on Tyk AI Studio", "have no description"}},
		"catalogue id not numeric": {"tyk_ai_studio", `name          = "g"
  tyk_ai_studio = { catalogue_ids = ["llm-1"] }`, []string{"must be a numeric id"}},
		"Onyx basic permission": {"onyx", `name = "g"
  onyx = { permissions = ["basic"] }`, []string{"Invalid value for Onyx", "onyx.permissions: every Onyx group grants basic by itself", "leave it out"}},
		"Onyx implied permission": {"onyx", `name = "g"
  onyx = { permissions = ["read:connectors"] }`, []string{"onyx.permissions: read:connectors is implied by basic or admin"}},
		"Onyx unknown permission": {"onyx", `name = "g"
  onyx = { permissions = ["manage:everything"] }`, []string{`onyx.permissions: "manage:everything" is not a permission Onyx lets a group be given`, "manage:llms"}},
	})
}
