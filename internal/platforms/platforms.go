// Package platforms is the one list of the platforms the provider knows of. Generic code (the provider's
// schema, settings and docs, the test harness, the benchmarks) reads it and names no platform itself.
package platforms

import (
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/secoda"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/tykaistudio"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/unleash"
)

// All lists every platform in documentation order. Adding a platform is one line here.
var All = []platform.Descriptor{
	authentik.Descriptor,
	onyx.Descriptor,
	unleash.Descriptor,
	secoda.Descriptor,
	tykaistudio.Descriptor,
}

// Lookup returns the descriptor of a platform.
func Lookup(name platform.Name) (platform.Descriptor, bool) {
	for _, d := range All {
		if d.Name == name {
			return d, true
		}
	}
	return platform.Descriptor{}, false
}

// Names returns every platform's name as a plain string, e.g. for a OneOf validator.
func Names() []string {
	out := make([]string, len(All))
	for i, d := range All {
		out[i] = string(d.Name)
	}
	return out
}
