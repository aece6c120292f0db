package provider_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// expiryTarget is a platform whose keys take expires_at: a server, and a key configuration around a given
// expires_at (and a replacement trigger, so a test can ask for a new key with the same expiry).
type expiryTarget struct {
	name string
	// start returns the provider block and the server's request count (nil for a real server).
	start   func(t *testing.T) (provider string, requests func() int)
	key     func(name, expires, trigger string) string
	address string
	// ignore are the attributes an import cannot restore, besides expires_at (checked by instant).
	ignore []string
}

func expiryTargets() []expiryTarget {
	unleashKey := func(name, expires, trigger string) string {
		return fmt.Sprintf(`
resource "roster_api_key" "k" {
  name              = %q
  expires_at        = %q
  rotation_triggers = { t = %q }
  unleash           = { type = "backend", environment = "development", projects = ["*"] }
}
`, name, expires, trigger)
	}
	unleashStart := func(start func(*testing.T) *acctest.Unleash) func(t *testing.T) (string, func() int) {
		return func(t *testing.T) (string, func() int) {
			u := start(t)
			if u.Mock == nil {
				return u.Provider(), nil // a real server keeps no request log
			}
			return u.Provider(), u.Requests
		}
	}
	return []expiryTarget{
		{
			name: "authentik",
			start: func(t *testing.T) (string, func() int) {
				m := acctest.NewAuthentik(t)
				return m.Provider(), m.Requests
			},
			key: func(name, expires, trigger string) string {
				return fmt.Sprintf(`
resource "roster_api_key" "k" {
  name              = %q
  expires_at        = %q
  rotation_triggers = { t = %q }
  authentik         = { intent = "app_password" }
}
`, name, expires, trigger)
			},
			address: "roster_api_key.k",
			ignore:  []string{"key", "rotation_triggers"},
		},
		{
			name:    "unleash-mock",
			start:   unleashStart(func(t *testing.T) *acctest.Unleash { return acctest.NewUnleash(t, unleashmock.EditionEnterprise) }),
			key:     unleashKey,
			address: "roster_api_key.k",
			ignore:  []string{"key", "rotation_triggers", "unleash.type"},
		},
		{
			name:    "unleash-real",
			start:   unleashStart(acctest.RealUnleash),
			key:     unleashKey,
			address: "roster_api_key.k",
			ignore:  []string{"key", "rotation_triggers", "unleash.type"},
		},
	}
}

// sameInstantAs checks that the imported expires_at names the instant want. An import has no configuration
// to take a spelling from, so it stores the server's UTC one; ImportStateVerify compares strings, hence this
// check by instant instead.
func sameInstantAs(want time.Time) resource.ImportStateCheckFunc {
	return func(states []*terraform.InstanceState) error {
		if len(states) != 1 {
			return fmt.Errorf("%d imported objects, want 1", len(states))
		}
		got, err := time.Parse(time.RFC3339, states[0].Attributes["expires_at"])
		if err != nil {
			return fmt.Errorf("imported expires_at: %w", err)
		}
		if !got.Equal(want.Truncate(time.Second)) {
			return fmt.Errorf("imported expires_at = %s, want the instant %s", got, want)
		}
		return nil
	}
}

// TestAccAPIKey_expiryComparesByInstant: an expires_at written with an offset (and with a fraction the
// servers cut off) is the same instant as the server's UTC answer. The apply keeps the configured spelling,
// the next plan is empty, and an import restores the same instant. Terraform plans a configuration's
// value as written, so respelling it in the configuration is an update, which only stores the new spelling.
func TestAccAPIKey_expiryComparesByInstant(t *testing.T) {
	// Within a day: authentik refuses app passwords that outlive its maximum token lifetime.
	at := time.Now().Add(12 * time.Hour).Truncate(time.Second).Add(123456789 * time.Nanosecond)
	plus2 := time.FixedZone("", 2*3600)
	spellings := map[string]string{
		"offset":          at.In(plus2).Format("2006-01-02T15:04:05Z07:00"),
		"offset+fraction": at.In(plus2).Format(time.RFC3339Nano),
		"negative offset": at.In(time.FixedZone("", -(9*3600 + 30*60))).Format("2006-01-02T15:04:05Z07:00"),
	}
	for _, target := range expiryTargets() {
		for spelling, expires := range spellings {
			t.Run(target.name+"/"+spelling, func(t *testing.T) {
				provider, _ := target.start(t)
				name := "exp-" + uniqueSuffix()
				config := provider + target.key(name, expires, "1")
				utc := at.UTC().Format(time.RFC3339)
				respelled := provider + target.key(name, utc, "1")
				resource.ParallelTest(t, resource.TestCase{
					PreCheck:                 func() { acctest.PreCheck(t) },
					ProtoV6ProviderFactories: acctest.ProviderFactories(),
					TerraformVersionChecks:   acctest.TerraformVersionChecks,
					Steps: []resource.TestStep{
						{
							Config: config,
							Check:  resource.TestCheckResourceAttr(target.address, "expires_at", expires),
						},
						{
							Config:           config,
							ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						},
						{ // another spelling in the configuration is an in-place update that stores it
							Config: respelled,
							ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
								plancheck.ExpectResourceAction(target.address, plancheck.ResourceActionUpdate),
							}},
							Check: resource.TestCheckResourceAttr(target.address, "expires_at", utc),
						},
						{
							Config:           respelled,
							ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						},
						{
							ResourceName:            target.address,
							ImportState:             true,
							ImportStateVerify:       true,
							ImportStateVerifyIgnore: append([]string{"expires_at"}, target.ignore...),
							ImportStateCheck:        sameInstantAs(at),
						},
					},
				})
			})
		}
	}
}

// TestAccAPIKey_expiryInThePast: a key that would be born expired is refused at plan time, before any
// request, on every platform that takes expires_at.
func TestAccAPIKey_expiryInThePast(t *testing.T) {
	past := time.Now().Add(-time.Hour).In(time.FixedZone("", 2*3600)).Format(time.RFC3339)
	for _, target := range expiryTargets() {
		t.Run(target.name, func(t *testing.T) {
			provider, requests := target.start(t)
			before := 0
			if requests != nil {
				before = requests()
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config:      provider + target.key("past-"+uniqueSuffix(), past, "1"),
					PlanOnly:    true,
					ExpectError: errorRE("expires_at is in the past", `expires_at = "`+past+`" has passed`),
				}},
			})
			if requests == nil {
				return
			}
			if after := requests(); after != before {
				t.Errorf("a past expires_at made %d API requests, want 0", after-before)
			}
		})
	}
}

// TestAccAPIKey_expiredKeyStillPlans: a key whose expiry has passed since it was applied is not a
// configuration error; plans keep working, also when they change the spelling. Replacing it, though, would create a new key that is expired
// from the start, so that plan fails.
func TestAccAPIKey_expiredKeyStillPlans(t *testing.T) {
	t.Parallel() // before the expiry is computed: a parallel test waits here for the serial ones
	target := acctest.NewUnleash(t, unleashmock.EditionEnterprise)
	soon := time.Now().Add(3 * time.Second).Truncate(time.Second).Add(time.Second)
	expires := soon.Format(time.RFC3339)
	name := "soon-" + uniqueSuffix()
	keys := expiryTargets()[1].key
	// serial: already parallel (t.Parallel above, before the expiry a few seconds ahead was computed)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{Config: target.Provider() + keys(name, expires, "1")},
			{
				PreConfig:        func() { time.Sleep(time.Until(soon) + time.Second) },
				Config:           target.Provider() + keys(name, expires, "1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ // the same passed instant spelled differently is an update of the spelling only, not an error
				Config:             target.Provider() + keys(name, soon.In(time.FixedZone("", 2*3600)).Format(time.RFC3339), "1"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config:      target.Provider() + keys(name, expires, "2"),
				PlanOnly:    true,
				ExpectError: errorRE("expires_at is in the past"),
			},
		},
	})
}
