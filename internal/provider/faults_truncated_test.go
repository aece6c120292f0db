package provider_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// TestAccFault_truncatedCreateAnswers cuts the body of every create's 2xx answer in half (the server applied
// the create; a proxy cut the answer). Each object is looked up by its natural key and adopted, never
// created twice: the apply succeeds, every object is in state and the server holds exactly the configured
// ones. An Onyx invitation is a PUT whose answer is not read, so it is unaffected.
func TestAccFault_truncatedCreateAnswers(t *testing.T) {
	t.Parallel()
	for _, tt := range faultTargets {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.start(t)
			counts := lostResponseCounts[tt.name]
			body, want := f.config("cut", counts)
			baseline := f.keys()
			var rules []mockapi.FaultRule
			for _, kind := range []string{"user", "group", "key"} {
				if p, ok := f.createPaths[kind]; ok {
					rule := lostCreate(f, kind, p)
					rule.Kind = mockapi.FaultTruncated
					rules = append(rules, rule)
				}
			}
			var from int
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
				Steps: []resource.TestStep{{
					PreConfig: func() {
						from = f.srv.Log().Count()
						f.setFaults(rules...)
					},
					Config: f.provider(3) + body,
					Check: func(s *terraform.State) error {
						posts, cut := 0, 0
						for _, e := range f.srv.Log().Entries()[from:] {
							if isCreate(f, e.Method, e.Path) && e.Method == http.MethodPost {
								posts++
								if e.Fault == mockapi.FaultTruncated {
									cut++
								}
							}
						}
						t.Logf("%s: %d create POSTs, %d answers cut; %s", tt.name, posts, cut, f.stats(from))
						if want := f.createPosts(counts); posts != want || cut != posts {
							return fmt.Errorf("%d create POSTs for %d objects created by POST, %d of them cut: a create was sent twice, or an answer was not cut",
								posts, want, cut)
						}
						if err := sameKeys(f.keys().minus(baseline), want); err != nil {
							return err
						}
						if err := countInState(s, counts); err != nil {
							return err
						}
						return f.withoutFaults(func() error { return f.checkKeys(s) })
					},
				}},
			})
		})
	}
}
