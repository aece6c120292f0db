package provider_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// TestAccFault_parallelApply200 applies 200 objects (users, groups with members, API keys where the platform
// has them) against one mock of each platform with Terraform's -parallelism=10 (what terraform-plugin-testing
// passes to apply): the provider's shared client, its retry and logging paths and the mock all run
// concurrently. The server ends up with exactly the 200 objects and the next plan is empty
// (terraform-plugin-testing plans again after the apply and fails on any change). Run the package with -race
// to check for data races in the provider itself (the client and mock packages already run under -race in
// make test).
func TestAccFault_parallelApply200(t *testing.T) {
	t.Parallel()
	for _, tt := range faultTargets {
		t.Run(tt.name, func(t *testing.T) {
			parallelApply200(t, tt.start(t), tt.counts)
		})
	}
}

// parallelApply200 applies four times the platform's 50-object mix.
func parallelApply200(t *testing.T, f *faultTarget, mix objectCounts) {
	counts := objectCounts{Users: 4 * mix.Users, Groups: 4 * mix.Groups, Keys: 4 * mix.Keys, Passwords: mix.Passwords}
	if f.settings == "" {
		// Unleash paces user creation at its server's default of 20 a minute; the mock is not limited.
		f.settings = "writes_per_minute = 100000"
	}
	body, want := f.config("par", counts)
	config := f.provider(4) + body
	baseline := f.keys()
	var from int
	var start time.Time
	resource.ParallelTest(t, resource.TestCase{
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
					t.Logf("%s: 200 objects applied in %v with %d requests (%d create POSTs)", f.platform, time.Since(start).Round(time.Millisecond), len(entries), posts)
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
