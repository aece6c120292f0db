package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// authentikKeyConfig is a service account's token and something that uses its key (terraform_data stands
// for a secret store or a CI variable): the consumer must be planned to get a new key.
func authentikKeyConfig(mock *acctest.Authentik, authentik string) string {
	return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "svc" {
  email           = "svc@example.com"
  service_account = true
  authentik       = { username = "svc" }
}

resource "roster_api_key" "svc" {
  name    = "svc-token"
  user_id = roster_user.svc.id
  %s
}

resource "terraform_data" "consumer" {
  input = roster_api_key.svc.key
}
`, authentik)
}

const authentikKey = "roster_api_key.svc"

// stateHoldsServerKey checks that the key in state is the token's current key, and that it differs from the
// previous one when previous is set; it records the key in previous.
func stateHoldsServerKey(mock *acctest.Authentik, previous *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var out struct {
			Key string `json:"key"`
		}
		if code := mock.API("GET", "/core/tokens/svc-token/view_key/", nil, &out); code != 200 {
			return fmt.Errorf("view_key answered %d", code)
		}
		stored := s.RootModule().Resources[authentikKey].Primary.Attributes["key"]
		consumer := s.RootModule().Resources["terraform_data.consumer"].Primary.Attributes["output"]
		switch {
		case stored != out.Key:
			return fmt.Errorf("state holds a key (%d chars) that is not the token's current one", len(stored))
		case consumer != out.Key:
			return fmt.Errorf("the consumer did not get the current key")
		case *previous != "" && stored == *previous:
			return fmt.Errorf("the key did not change")
		}
		*previous = stored
		return nil
	}
}

// A key rotated behind Terraform's back (authentik's expiry job, or set_key) is read at refresh: the state
// gets the current key, the consumer is planned to get it, the token itself is left alone, and the next plan
// is empty. An import reads the key as well.
func TestAccAuthentikAPIKey_rotatedOutsideTerraform(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	config := authentikKeyConfig(mock, "")
	var secret string
	rotatedPlan := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(authentikKey, plancheck.ResourceActionNoop),
		plancheck.ExpectResourceAction("terraform_data.consumer", plancheck.ResourceActionUpdate),
	}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config, Check: stateHoldsServerKey(mock, &secret)},
			{ // the token expired and authentik's background job gave it a new key and expiry
				PreConfig: func() {
					mock.Hook("POST", "tokens/svc-token/expire", nil)
					mock.Hook("POST", "expiry-job", nil)
				},
				Config:           config,
				ConfigPlanChecks: rotatedPlan,
				Check:            stateHoldsServerKey(mock, &secret),
			},
			{Config: config, ConfigPlanChecks: noChanges},
			{ // someone set a new key through set_key
				PreConfig:        func() { mock.Hook("POST", "tokens/svc-token/rotate", nil) },
				Config:           config,
				ConfigPlanChecks: rotatedPlan,
				Check:            stateHoldsServerKey(mock, &secret),
			},
			{Config: config, ConfigPlanChecks: noChanges},
			// an imported token gets its current key too (key is not ignored)
			{ResourceName: authentikKey, ImportState: true, ImportStateVerify: true},
		},
	})
}

// An expired token that authentik has not rotated yet no longer authenticates: the plan replaces it (a new
// key and a new expiry), the consumer gets the new key, and the next plan is empty.
func TestAccAuthentikAPIKey_expired(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	config := authentikKeyConfig(mock, "")
	var secret string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config, Check: stateHoldsServerKey(mock, &secret)},
			{
				PreConfig: func() { mock.Hook("POST", "tokens/svc-token/expire", nil) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(authentikKey, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectUnknownValue(authentikKey, tfjsonpath.New("expires_at")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authentikKey, tfjsonpath.New("expires_at"), afterNow{}),
				},
				Check: stateHoldsServerKey(mock, &secret),
			},
			{Config: config, ConfigPlanChecks: noChanges},
		},
	})
}

// expiring = false, from a superuser's provider: the token never expires, so neither an expiry date nor
// authentik's expiry job touches it.
func TestAccAuthentikAPIKey_nonExpiring(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	config := authentikKeyConfig(mock, "authentik = { expiring = false }")
	var secret string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authentikKey, tfjsonpath.New("authentik").AtMapKey("expiring"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(authentikKey, tfjsonpath.New("expires_at"), knownvalue.Null()),
				},
				Check: stateHoldsServerKey(mock, &secret),
			},
			{
				PreConfig: func() {
					mock.Hook("POST", "tokens/svc-token/expire", nil)
					mock.Hook("POST", "expiry-job", nil)
				},
				Config:           config,
				ConfigPlanChecks: noChanges,
			},
		},
	})
}

// expiring = false from a provider whose user is no superuser: authentik makes the token expiring anyway,
// so the apply fails, says who may, and leaves no token behind.
func TestAccAuthentikAPIKey_nonExpiringRefused(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	var dev struct {
		PK int `json:"pk"`
	}
	mock.API("POST", "/core/users/", map[string]any{"username": "dev", "name": "Dev"}, &dev)
	mock.API("POST", "/core/tokens/", map[string]any{"identifier": "dev-token", "user": dev.PK, "intent": "api"}, nil)
	var devKey struct {
		Key string `json:"key"`
	}
	mock.API("GET", "/core/tokens/dev-token/view_key/", nil, &devKey)
	config := acctest.ProviderBlock("authentik", mock.URL, devKey.Key) + `
resource "roster_api_key" "forever" {
  name      = "dev-forever"
  authentik = { expiring = false }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy: func(*terraform.State) error {
			if tokens := mock.State().Tokens.Identifiers; slices.Contains(tokens, "dev-forever") {
				return fmt.Errorf("the refused token was left behind: %v", tokens)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)made the token expiring anyway.*only a\s+superuser`),
		}},
	})
}

// afterNow matches an RFC 3339 time in the future.
type afterNow struct{}

func (afterNow) CheckValue(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("expected a string, got %T", v)
	}
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return err
	}
	if !at.After(time.Now()) {
		return fmt.Errorf("%s is not in the future", s)
	}
	return nil
}

func (afterNow) String() string { return "a time in the future" }
