package provider_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// uniqueSuffix keeps names apart on the real server, which outlives a test run's objects.
func uniqueSuffix() string { return fmt.Sprintf("%06d", rand.IntN(1000000)) }

// unleashEnterprise starts an Enterprise mock, which has every feature.
func unleashEnterprise(t *testing.T) *acctest.Unleash {
	return acctest.NewUnleash(t, unleashmock.EditionEnterprise)
}

// openSourceUnleashTargets are the open-source servers: the mock's edition switch and the real one.
func openSourceUnleashTargets() []acctest.UnleashTarget {
	return []acctest.UnleashTarget{
		{Name: "open-source mock", Start: func(t *testing.T) *acctest.Unleash { return acctest.NewUnleash(t, unleashmock.EditionOpenSource) }},
		{Name: "real", Start: acctest.RealUnleash},
	}
}

// TestAccUnleash_groupsNeedEnterprise: on an open-source server (the mock's switch, and the real one) a
// group is a clear "needs Enterprise" error, never "deleted".
func TestAccUnleash_groupsNeedEnterprise(t *testing.T) {
	t.Parallel()
	for _, tt := range openSourceUnleashTargets() {
		t.Run(tt.Name, func(t *testing.T) {
			target := tt.Start(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config:      target.Provider() + "resource \"roster_user_group\" \"g\" {\n  name = \"g-" + uniqueSuffix() + "\"\n}\n",
					ExpectError: errorRE("user groups need Unleash Enterprise"),
				}, {
					// Project access of groups is Enterprise too (its routes are missing as well).
					Config: target.Provider() + "resource \"roster_user_group\" \"g\" {\n  name = \"g-" + uniqueSuffix() +
						"\"\n  unleash = { project_roles = { default = [\"Owner\"] } }\n}\n",
					ExpectError: errorRE("user groups need Unleash Enterprise"),
				}},
			})
		})
	}
}
