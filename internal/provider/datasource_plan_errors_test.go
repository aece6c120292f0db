package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// TestAccDataSources_planTimeErrors: a list data source asking for what the platform lacks fails at plan
// time, naming the platform and the reason, without a single API request.
func TestAccDataSources_planTimeErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]planTimeError{
		"api keys on Secoda": {
			platform: "secoda", body: `data "roster_api_keys" "all" {}`,
			want: []string{"roster_api_key is not available on Secoda", "no API-key endpoints"},
		},
		"api keys by owner on Onyx": {
			platform: "onyx", body: `data "roster_api_keys" "mine" { user_id = "1" }`,
			want: []string{"Filter not supported on Onyx", "service-account user of its own"},
		},
		"users by role on authentik": {
			platform: "authentik", body: `data "roster_users" "admins" { role = "admin" }`,
			want: []string{"Filter not supported on authentik", "no single role"},
		},
		"users by username on Onyx": {
			platform: "onyx", body: `data "roster_users" "ada" { username = "ada" }`,
			want: []string{"Filter not supported on Onyx", "no username apart from their email"},
		},
		"users by username on Secoda": {
			platform: "secoda", body: `data "roster_users" "ada" { username = "ada" }`,
			want: []string{"Filter not supported on Secoda", "no username"},
		},
	} {
		t.Run(tc.platform+"/"+name, func(t *testing.T) {
			mock := badInputMock(t, tc.platform)
			before := mock.Requests()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config:      mock.Provider() + tc.body + "\n",
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
