// Package acctest is the acceptance-test harness: it starts platform mocks in-process on 127.0.0.1, serves
// the provider to the real terraform binary, and builds configurations.
package acctest

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/rosterhq/terraform-provider-roster/internal/provider"
	"github.com/rosterhq/terraform-provider-roster/internal/serve"
)

// ProviderFactories serves the provider in-process to the terraform binary that terraform-plugin-testing runs,
// through the same server the released binary serves.
func ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	server := serve.Server(provider.New("test"))
	return map[string]func() (tfprotov6.ProviderServer, error){
		"roster": func() (tfprotov6.ProviderServer, error) { return server(), nil },
	}
}

// TerraformVersionChecks pins what the provider needs: write-only attributes arrived in Terraform 1.11 and
// OpenTofu 1.11 (ephemeral resources in Terraform 1.10 and OpenTofu 1.11). The check reads the CLI's
// `version -json`, which OpenTofu answers with its own version (1.12.6 for the one make test builds).
var TerraformVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)}

// PreCheck fails fast when acceptance tests cannot run, instead of letting them fail obscurely.
func PreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Fatal("acceptance tests need TF_ACC=1 (make test sets it)")
	}
}

// ProviderBlock renders a provider block.
func ProviderBlock(platformName, endpoint, token string) string {
	return fmt.Sprintf(`
provider "roster" {
  platform = %q
  endpoint = %q
  token    = %q
  max_retries = 2
  request_timeout = "10s"
}
`, platformName, endpoint, token)
}
