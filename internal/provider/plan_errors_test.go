package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// planTimeError is a configuration of one resource that must fail at plan time on platform, saying what is
// wrong, without a single API request.
type planTimeError struct {
	platform string
	// body is the inside of the resource block.
	body string
	want []string
}

// runPlanTimeErrors runs each case (named <platform>/<name>) as a parallel subtest against a fresh mock of
// its platform. The caller calls t.Parallel.
func runPlanTimeErrors(t *testing.T, resourceType string, cases map[string]planTimeError) {
	for name, tc := range cases {
		t.Run(tc.platform+"/"+name, func(t *testing.T) {
			mock := badInputMock(t, tc.platform)
			before := mock.Requests()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config:      mock.Provider() + "resource \"" + resourceType + "\" \"bad\" {\n  " + tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: errorRE(tc.want...),
				}},
			})
			if after := mock.Requests(); after != before {
				t.Errorf("a bad configuration made %d API requests, want 0", after-before)
			}
		})
	}
}
