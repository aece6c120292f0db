package unleash

import "github.com/rosterhq/terraform-provider-roster/internal/mockapi"

// Descriptor tells generic code about this mock. Unleash limits user creation only, and takes the raw token.
var Descriptor = mockapi.Descriptor{
	Name: "unleash",
	Variant: &mockapi.Variant{
		Flag: "unleash-edition", Usage: "unleash only: enterprise or open-source (groups need Enterprise)",
		Values: []string{string(EditionEnterprise), string(EditionOpenSource)},
	},
	New: func(o mockapi.Options) mockapi.Running {
		return New(Options{Token: o.Token, Edition: Edition(o.Variant), UserCreatesPerMinute: o.WritesPerMinute})
	},
}
