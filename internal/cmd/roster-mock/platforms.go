package main

import (
	"net/http"
	"sort"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/secoda"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// mockServer is what every platform mock offers the command: its full handler (API, /__mock/
// hooks, logging) and its fault injection, for -faults.
type mockServer interface {
	http.Handler
	Faults() *mockapi.Faults
}

// mockOptions are the command's settings a constructor may use.
type mockOptions struct {
	token string
	// tykEdition is "enterprise" (default) or "community".
	tykEdition string
	// unleashEdition is "enterprise" (default) or "open-source".
	unleashEdition string
	// onyxGeneration is "v4.6" (default) or "current".
	onyxGeneration string
}

// platforms maps a -platform name to its constructor. A new platform plugs in with one entry here.
var platforms = map[string]func(o mockOptions) mockServer{
	"authentik": func(o mockOptions) mockServer { return authentik.New(authentik.Options{Token: o.token}) },
	"secoda":    func(o mockOptions) mockServer { return secoda.New(secoda.Options{Token: o.token}) },
	"onyx": func(o mockOptions) mockServer {
		return onyx.New(onyx.Options{Token: o.token, Generation: o.onyxGeneration})
	},
	"unleash": func(o mockOptions) mockServer {
		return unleash.New(unleash.Options{Token: o.token, Edition: unleash.Edition(o.unleashEdition)})
	},
	"tyk_ai_studio": func(o mockOptions) mockServer {
		return tykaistudio.New(tykaistudio.Options{Token: o.token, Edition: tykaistudio.Edition(o.tykEdition)})
	},
}

func platformNames() []string {
	names := make([]string, 0, len(platforms))
	for name := range platforms {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
