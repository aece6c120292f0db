package authentik

import "github.com/rosterhq/terraform-provider-roster/internal/mockapi"

// Descriptor tells generic code about this mock.
var Descriptor = mockapi.Descriptor{
	Name:       "authentik",
	APIPrefix:  "/api/v3",
	AuthScheme: "Bearer ",
	New:        func(o mockapi.Options) mockapi.Running { return New(Options{Token: o.Token}) },
}
