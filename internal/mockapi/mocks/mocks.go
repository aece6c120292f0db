// Package mocks is the one list of the platform mocks, for roster-mock, the acceptance harness and the
// benchmarks.
package mocks

import (
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/secoda"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// All lists every mock in documentation order. Adding a platform's mock is one line here.
var All = []mockapi.Descriptor{
	authentik.Descriptor,
	onyx.Descriptor,
	unleash.Descriptor,
	secoda.Descriptor,
	tykaistudio.Descriptor,
}

// Lookup returns the descriptor of a platform's mock.
func Lookup(name string) (mockapi.Descriptor, bool) {
	for _, d := range All {
		if d.Name == name {
			return d, true
		}
	}
	return mockapi.Descriptor{}, false
}
