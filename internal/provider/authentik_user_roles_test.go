package provider_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	authentikmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
)

// TestAccAuthentikUserRoles: a user's own RBAC roles are written, changed, read back when changed in
// authentik's UI, and imported.
func TestAccAuthentikUserRoles(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	config := func(roles ...string) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ops" {
  email = "ops@example.com"
  authentik = { roles = [%s] }
}
`, quotedList(roles))
	}
	user := "roster_user.ops"
	var userID string
	rolesAre := func(roles ...string) statecheck.StateCheck {
		values := make([]knownvalue.Check, len(roles))
		for i, r := range roles {
			values[i] = knownvalue.StringExact(r)
		}
		return statecheck.ExpectKnownValue(user, tfjsonpath.New("authentik").AtMapKey("roles"), knownvalue.SetExact(values))
	}
	serverRoles := func(want ...string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			var u struct {
				Roles []string `json:"roles"`
			}
			mock.API("GET", "/core/users/"+userID+"/", nil, &u)
			slices.Sort(u.Roles)
			if !slices.Equal(u.Roles, want) {
				return fmt.Errorf("server has roles %v, want %v", u.Roles, want)
			}
			return nil
		}
	}
	editor, viewer := authentikmock.SeedRoleEditorUUID, authentikmock.SeedRoleViewerUUID
	both := config(editor, viewer)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkAuthentikGone(mock, "users", "ops@example.com"),
		Steps: []resource.TestStep{
			{
				Config:            config(editor),
				ConfigStateChecks: []statecheck.StateCheck{rolesAre(editor)},
				Check:             resource.ComposeTestCheckFunc(saveID(user, &userID), serverRoles(editor)),
			},
			{
				Config:            both,
				ConfigPlanChecks:  plansFor(user, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{rolesAre(editor, viewer)},
				Check:             serverRoles(editor, viewer),
			},
			{ // a role taken away in authentik's UI shows as drift, and the apply gives it back
				PreConfig:         func() { mock.Hook("PATCH", "users/"+userID, map[string]any{"roles": []string{viewer}}) },
				Config:            both,
				ConfigPlanChecks:  plansFor(user, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{rolesAre(editor, viewer)},
				Check:             serverRoles(editor, viewer),
			},
			{Config: both, ConfigPlanChecks: noChanges},
			{ResourceName: user, ImportState: true, ImportStateVerify: true},
			{ // [] removes every direct role
				Config:            config(),
				ConfigStateChecks: []statecheck.StateCheck{rolesAre()},
				Check:             serverRoles(),
			},
		},
	})
}
