package provider_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// membershipPlatform is a platform under test and its API as an admin in the UI would use it.
type membershipPlatform struct {
	provider string
	members  func(groupID string) []string
	setUsers func(groupID string, userIDs []string)
}

var membershipTargets = []struct {
	name  string
	start func(t *testing.T) membershipPlatform
}{
	{"authentik (add_user/remove_user)", func(t *testing.T) membershipPlatform {
		m := acctest.NewAuthentik(t)
		return membershipPlatform{
			provider: m.Provider(),
			members: func(groupID string) []string {
				var g struct {
					Users []int `json:"users"`
				}
				m.API("GET", "/core/groups/"+groupID+"/?include_users=false", nil, &g)
				out := []string{}
				for _, u := range g.Users {
					out = append(out, strconv.Itoa(u))
				}
				return out
			},
			setUsers: func(groupID string, userIDs []string) {
				pks := []int{}
				for _, id := range userIDs {
					pk, _ := strconv.Atoi(id)
					pks = append(pks, pk)
				}
				m.Hook("PATCH", "groups/"+groupID, map[string]any{"users": pks})
			},
		}
	}},
	{"secoda (read-modify-write)", func(t *testing.T) membershipPlatform {
		m := acctest.NewSecoda(t, -1)
		return membershipPlatform{
			provider: m.Provider(),
			members: func(groupID string) []string {
				var g struct {
					Users []string `json:"users"`
				}
				m.API("GET", "/auth/group/"+groupID+"/", nil, &g)
				return g.Users
			},
			setUsers: func(groupID string, userIDs []string) {
				m.Hook("PATCH", "groups/"+groupID, map[string]any{"users": append([]string{}, userIDs...)})
			},
		}
	}},
}

func membershipConfig(block string, withBob bool) string {
	cfg := block + `
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}
resource "roster_user" "bob" {
  email = "bob@example.com"
  name  = "Bob Builder"
}
resource "roster_user" "eve" {
  email = "eve@example.com"
  name  = "Eve Outside"
}
# Membership managed elsewhere: no members attribute.
resource "roster_user_group" "sso" {
  name = "sso-engineering"
}
resource "roster_user_group_membership" "ada" {
  group_id = roster_user_group.sso.id
  user_id  = roster_user.ada.id
}
`
	if withBob {
		cfg += `
resource "roster_user_group_membership" "bob" {
  group_id = roster_user_group.sso.id
  user_id  = roster_user.bob.id
}
`
	}
	return cfg
}

func TestAccUserGroupMembership(t *testing.T) {
	t.Parallel()
	for _, tc := range membershipTargets {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.start(t)
			var groupID, adaID, bobID, eveID string
			ids := func(s *terraform.State) {
				r := s.RootModule().Resources
				groupID, adaID = r["roster_user_group.sso"].Primary.ID, r["roster_user.ada"].Primary.ID
				bobID, eveID = r["roster_user.bob"].Primary.ID, r["roster_user.eve"].Primary.ID
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					{ // two memberships of one group, applied in parallel
						Config: membershipConfig(p.provider, true),
						Check: func(s *terraform.State) error {
							ids(s)
							got := p.members(groupID)
							if !slices.Contains(got, adaID) || !slices.Contains(got, bobID) || len(got) != 2 {
								return fmt.Errorf("server members %v, want %s and %s", got, adaID, bobID)
							}
							return nil
						},
					},
					{ // someone adds eve in the UI; then bob's membership is removed from the configuration
						PreConfig: func() { p.setUsers(groupID, append(p.members(groupID), eveID)) },
						Config:    membershipConfig(p.provider, false),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction("roster_user_group_membership.bob", plancheck.ResourceActionDestroy),
							plancheck.ExpectResourceAction("roster_user_group.sso", plancheck.ResourceActionNoop),
						}},
						Check: func(*terraform.State) error {
							got := p.members(groupID)
							if slices.Contains(got, bobID) || !slices.Contains(got, adaID) || !slices.Contains(got, eveID) {
								return fmt.Errorf("server members %v: want ada and eve kept, bob removed", got)
							}
							return nil
						},
					},
					{
						ResourceName:      "roster_user_group_membership.ada",
						ImportState:       true,
						ImportStateIdFunc: func(*terraform.State) (string, error) { return groupID + "/" + adaID, nil },
						ImportStateVerify: true,
					},
					{ // removed behind Terraform's back: added again
						PreConfig: func() { p.setUsers(groupID, nil) },
						Config:    membershipConfig(p.provider, false),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction("roster_user_group_membership.ada", plancheck.ResourceActionCreate),
						}},
					},
				},
			})
		})
	}
}
