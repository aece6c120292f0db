// Command terraform-provider-roster is the roster Terraform provider: user groups, users and API keys on
// authentik, Onyx, Unleash, Secoda and Tyk AI Studio.
package main

import (
	"flag"
	"log"
	"os"
	runtimedebug "runtime/debug"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/rosterhq/terraform-provider-roster/internal/provider"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	if !debug {
		silenceLogsTerraformDrops()
	}
	if os.Getenv("GOGC") == "" {
		// Each RPC allocates about 1 MB of short-lived values while the live heap stays at a few MB, so the
		// default GOGC collects every few objects; 400 cut the CPU of refreshing an object by about a fifth.
		runtimedebug.SetGCPercent(400)
	}

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve(provider.RegistryAddress, provider.NewServer(version), opts...)
	if err != nil {
		log.Fatal(err)
	}
}

// silenceLogsTerraformDrops turns the SDK's and the provider's logs off unless some TF_LOG* variable asks for
// logs. terraform-plugin-go logs every RPC at TRACE by default, and terraform reads, parses and then drops
// those lines when TF_LOG is unset: that was about 40% of the CPU of a plan of 1,000 objects (BENCHMARKS.md).
func silenceLogsTerraformDrops() {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_ROSTER"} {
		_ = os.Setenv(name, "OFF")
	}
}
