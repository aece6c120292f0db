package tykaistudio

import "github.com/rosterhq/terraform-provider-roster/internal/mockapi"

// Descriptor tells generic code about this mock.
var Descriptor = mockapi.Descriptor{
	Name:       "tyk_ai_studio",
	APIPrefix:  "/api/v1",
	AuthScheme: "Bearer ",
	Variant: &mockapi.Variant{
		Flag: "tyk-edition", Usage: "tyk_ai_studio only: enterprise or community (groups need Enterprise)",
		Values: []string{string(Enterprise), string(Community)},
	},
	New: func(o mockapi.Options) mockapi.Running {
		return New(Options{Token: o.Token, Edition: Edition(o.Variant)})
	},
}
