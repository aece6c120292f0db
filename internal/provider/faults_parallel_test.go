package provider_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// TestAccFault_parallelApply200 applies 200 objects (users, groups with members, API keys) against one
// authentik mock with Terraform's -parallelism=10 (what terraform-plugin-testing passes to apply): the
// provider's shared client, its retry and logging paths and the mock all run concurrently. The server ends up
// with exactly the 200 objects and the next plan is empty (terraform-plugin-testing plans again after the
// apply and fails on any change). Run the package with -race to check for data
// races in the provider itself (the client and mock packages already run under -race in make test).
func TestAccFault_parallelApply200(t *testing.T) {
	t.Parallel()
	f := newAuthentikTarget(t)
	counts := objectCounts{Users: 80, Groups: 40, Keys: 80, Passwords: true}
	body, want := f.config("par", counts)
	config := f.provider(4) + body
	baseline := f.keys()
	var from int
	var start time.Time
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		CheckDestroy: func(*terraform.State) error {
			if left := f.keys().minus(baseline); left.total() != 0 {
				return fmt.Errorf("objects left after destroy: %+v", left)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					from = f.srv.Log().Count()
					start = time.Now()
				},
				Config: config,
				Check: func(s *terraform.State) error {
					entries := f.srv.Log().Entries()[from:]
					posts := 0
					for _, e := range entries {
						if isCreate(f, e.Method, e.Path) {
							posts++
						}
					}
					t.Logf("200 objects applied in %v with %d requests (%d create POSTs)", time.Since(start).Round(time.Millisecond), len(entries), posts)
					if posts != counts.total() {
						return fmt.Errorf("%d create POSTs for %d objects", posts, counts.total())
					}
					if err := sameKeys(f.keys().minus(baseline), want); err != nil {
						return err
					}
					if err := countInState(s, counts); err != nil {
						return err
					}
					return f.checkKeys(s)
				},
			},
		},
	})
}
