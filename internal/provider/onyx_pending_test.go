package provider_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
)

const newcomer = "newcomer@example.com"

// invitedMembersConfig invites a person and lists them in a group in one configuration.
func invitedMembersConfig(mock *acctest.Onyx) string {
	return mock.Provider() + `
resource "roster_user" "new" {
  email = "` + newcomer + `"
}

resource "roster_user_group" "eng" {
  name    = "eng"
  members = ["` + onyxmock.AdaEmail + `", roster_user.new.id]
}
`
}

// onyxGroupMembers are the emails of the people in the named group as Onyx lists them.
func onyxGroupMembers(t *testing.T, mock *acctest.Onyx, name string) []string {
	t.Helper()
	var groups []struct {
		Name  string `json:"name"`
		Users []struct {
			Email string `json:"email"`
		} `json:"users"`
	}
	if status := mock.API(http.MethodGet, "/manage/admin/user-group", nil, &groups); status != http.StatusOK {
		t.Fatalf("listing the groups: %d", status)
	}
	for _, g := range groups {
		if g.Name == name {
			var out []string
			for _, u := range g.Users {
				out = append(out, u.Email)
			}
			slices.Sort(out)
			return out
		}
	}
	t.Fatalf("no group %s on Onyx", name)
	return nil
}

func expectOnyxGroupMembers(t *testing.T, mock *acctest.Onyx, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := onyxGroupMembers(t, mock, "eng"); !slices.Equal(got, want) {
			return fmt.Errorf("the group has %v on Onyx, want %v", got, want)
		}
		return nil
	}
}

// Inviting people and adding them to a group in one apply: the apply succeeds with the invitee
// pending (kept in members and in onyx.pending_members, not on Onyx); plans stay empty while they wait; once
// they sign up the plan shows the update that adds them, and after it the plan is empty again.
func TestAccOnyx_invitedMembersWait(t *testing.T) {
	t.Parallel()
	for _, gen := range []string{onyxmock.GenerationV46, onyxmock.GenerationCurrent} {
		t.Run(gen, func(t *testing.T) {
			mock := acctest.NewOnyx(t, gen)
			config := invitedMembersConfig(mock)
			group := "roster_user_group.eng"
			members := knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(onyxmock.AdaEmail), knownvalue.StringExact(newcomer)})
			pending := func(emails ...string) statecheck.StateCheck {
				checks := []knownvalue.Check{}
				for _, e := range emails {
					checks = append(checks, knownvalue.StringExact(e))
				}
				return statecheck.ExpectKnownValue(group, tfjsonpath.New("onyx").AtMapKey("pending_members"), knownvalue.SetExact(checks))
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					// A group first; then a person is invited and added to it in one apply.
					{Config: mock.Provider() + `
resource "roster_user_group" "eng" {
  name    = "eng"
  members = ["` + onyxmock.AdaEmail + `"]
}
`},
					{
						Config: config,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), members),
							pending(newcomer),
						},
						Check: expectOnyxGroupMembers(t, mock, onyxmock.AdaEmail),
					},
					// While they wait, a refresh keeps them: nothing to apply.
					{Config: config, ConfigPlanChecks: noChanges, ConfigStateChecks: []statecheck.StateCheck{pending(newcomer)}},
					{
						PreConfig: func() { mock.Hook(http.MethodPost, "users/"+newcomer+"/signup", nil) },
						Config:    config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(group, tfjsonpath.New("members"), members),
						}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), members),
							pending(),
						},
						Check: expectOnyxGroupMembers(t, mock, onyxmock.AdaEmail, newcomer),
					},
					{Config: config, ConfigPlanChecks: noChanges},
				},
			})
		})
	}
}

// The warning names the people who wait, on the apply and on every plan until they sign up; a drift run
// (plan -detailed-exitcode) exits 0 while they wait, and 2 once they can be added.
func TestAccOnyx_pendingMembersWarn(t *testing.T) {
	t.Parallel()
	mock := acctest.NewOnyx(t, onyxmock.GenerationCurrent)
	wd := acctest.NewWorkdir(t, invitedMembersConfig(mock))
	ctx := context.Background()
	t.Cleanup(func() {
		if err := wd.Destroy(ctx, wd.Reattach); err != nil {
			t.Errorf("terraform destroy: %v", err)
		}
	})

	var out bytes.Buffer
	if err := wd.ApplyJSON(ctx, &out, wd.Reattach); err != nil {
		t.Fatalf("terraform apply: %v\n%s", err, out.String())
	}
	if w := pendingWarnings(t, out.Bytes()); len(w) != 1 || !strings.Contains(w[0], newcomer) || strings.Contains(w[0], onyxmock.AdaEmail) {
		t.Errorf("apply warnings %q, want one naming %s alone", w, newcomer)
	}

	out.Reset()
	changes, err := wd.PlanJSON(ctx, &out, wd.Reattach)
	if err != nil || changes {
		t.Errorf("plan while the invitee waits: changes %v, error %v, want an empty plan (exit code 0)", changes, err)
	}
	if w := pendingWarnings(t, out.Bytes()); len(w) != 1 || !strings.Contains(w[0], newcomer) {
		t.Errorf("plan warnings %q, want one naming %s", w, newcomer)
	}

	mock.Hook(http.MethodPost, "users/"+newcomer+"/signup", nil)
	out.Reset()
	changes, err = wd.PlanJSON(ctx, &out, wd.Reattach)
	if err != nil || !changes {
		t.Errorf("plan after the sign-up: changes %v, error %v, want the update (exit code 2)", changes, err)
	}
	if w := pendingWarnings(t, out.Bytes()); len(w) != 0 {
		t.Errorf("plan after the sign-up warns %q", w)
	}
}

// pendingWarnings are the details of the pending-members warnings in terraform's JSON output.
func pendingWarnings(t *testing.T, output []byte) []string {
	t.Helper()
	var out []string
	lines := bufio.NewScanner(bytes.NewReader(output))
	lines.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for lines.Scan() {
		var msg struct {
			Type       string `json:"type"`
			Diagnostic struct {
				Severity string `json:"severity"`
				Summary  string `json:"summary"`
				Detail   string `json:"detail"`
			} `json:"diagnostic"`
		}
		if err := json.Unmarshal(lines.Bytes(), &msg); err != nil {
			t.Fatalf("terraform output line %q: %v", lines.Text(), err)
		}
		if msg.Type == "diagnostic" && msg.Diagnostic.Severity == "warning" && msg.Diagnostic.Summary == "Members waiting for their sign-up" {
			out = append(out, msg.Diagnostic.Detail)
		}
	}
	return out
}
