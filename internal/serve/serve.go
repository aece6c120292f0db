// Package serve runs a framework provider as the plugin process Terraform starts, and is the one home of the
// process tuning that makes it cheap to drive (numbers in BENCHMARKS.md):
//
//   - Logs are off unless a TF_LOG* variable asks for them (Plugin, outside -debug). terraform-plugin-go logs
//     every RPC at TRACE by default, and terraform reads, parses and then drops those lines when TF_LOG is
//     unset: that was about 40% of the CPU of a plan of 1,000 objects.
//   - GOGC is 400 unless the environment sets it (Plugin). Each RPC allocates about 1 MB of short-lived values
//     while the live heap stays at a few MB, so the default GOGC collects every few objects; 400 cut the CPU of
//     refreshing an object by about a fifth.
//   - Request contexts are let go of when the request ends (Server). The framework keeps a cancel function for
//     every request it has served until StopProvider, so that it can cancel them all; through it, it keeps
//     each request's whole context (loggers, gRPC metadata) alive for the life of the process. A plan of 1,000
//     objects left about 66 MB of them on the heap, which the garbage collector then traced again and again.
//     The calls terraform makes once per object hand the framework a context whose link to the request is
//     cut when the call returns.
//
// roster's main serves roster through Plugin; roster-bench serves its no-op plugin floor the same way, so that
// the floor is the cheapest a framework provider runs here. The acceptance tests use Server in-process.
package serve

import (
	"os"
	runtimedebug "runtime/debug"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Server returns the protocol 6 server of a framework provider, with request contexts let go of.
func Server(newProvider func() provider.Provider) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return releasingServer{providerserver.NewProtocol6(newProvider())()}
	}
}

// Plugin tunes the process and serves the provider at address until Terraform stops it. debug runs it for a
// debugger (terraform-plugin-go's managed debug mode), with its logs left on.
func Plugin(address string, newProvider func() provider.Provider, debug bool) error {
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	} else {
		silenceLogsTerraformDrops()
	}
	if os.Getenv("GOGC") == "" {
		runtimedebug.SetGCPercent(400)
	}
	return tf6server.Serve(address, Server(newProvider), opts...)
}

// silenceLogsTerraformDrops turns the SDK's and roster's own (tflog) logs off unless some TF_LOG* variable asks
// for logs.
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
