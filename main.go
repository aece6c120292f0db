// Command terraform-provider-roster is the roster Terraform provider: user groups, users and API keys on
// authentik, Onyx, Unleash, Secoda and Tyk AI Studio.
package main

import (
	"flag"
	"log"

	"github.com/rosterhq/terraform-provider-roster/internal/provider"
	"github.com/rosterhq/terraform-provider-roster/internal/serve"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	// The process tuning (logs, GOGC, request contexts) is documented in internal/serve.
	if err := serve.Plugin(provider.RegistryAddress, provider.New(version), debug); err != nil {
		log.Fatal(err)
	}
}
