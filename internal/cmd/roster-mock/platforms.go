package main

import (
	"net/http"
	"sort"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/secoda"
)

// mockServer is what every platform mock offers the command: its full handler (API, /__mock/
// hooks, logging) and its fault injection, for -faults.
type mockServer interface {
	http.Handler
	Faults() *mockapi.Faults
}

// platforms maps a -platform name to a constructor taking the admin API token. A new platform
// plugs in with one entry here.
var platforms = map[string]func(token string) mockServer{
	"authentik": func(token string) mockServer { return authentik.New(authentik.Options{Token: token}) },
	"secoda":    func(token string) mockServer { return secoda.New(secoda.Options{Token: token}) },
}

func platformNames() []string {
	names := make([]string, 0, len(platforms))
	for name := range platforms {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
