package onyx

import "github.com/rosterhq/terraform-provider-roster/internal/mockapi"

// Descriptor tells generic code about this mock.
var Descriptor = mockapi.Descriptor{
	Name:       "onyx",
	APIPrefix:  "/api",
	AuthScheme: "Bearer ",
	Variant: &mockapi.Variant{
		Flag: "onyx-generation", Usage: "onyx only: the API generation to serve, v4.6 or current",
		Values: []string{GenerationV46, GenerationCurrent},
	},
	New: func(o mockapi.Options) mockapi.Running {
		return New(Options{Token: o.Token, Generation: o.Variant})
	},
}
