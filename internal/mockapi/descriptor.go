package mockapi

import "net/http"

// Running is what every platform mock offers generic code: its full handler (API, /__mock/ hooks, fault layer),
// its request log, its fault injection and the seeded admin's token.
type Running interface {
	http.Handler
	Log() *RequestLog
	Faults() *Faults
	AdminToken() string
}

// Options are the settings a mock's constructor takes from generic code.
type Options struct {
	// Token is the seeded admin's token; "" lets the mock make one up (AdminToken tells it).
	Token string
	// Variant is one of the descriptor's Variant.Values; "" is the first.
	Variant string
	// WritesPerMinute is the limit the mock keeps on the writes its API limits: 0 is the documented limit, a
	// negative value lifts it. Mocks of APIs without such a limit ignore it.
	WritesPerMinute int
}

// Variant is a choice of server a mock can play: an edition or an API generation.
type Variant struct {
	// Flag is roster-mock's command-line flag for it ("tyk-edition").
	Flag  string
	Usage string
	// Values are the accepted values, the default first.
	Values []string
}

// Descriptor is everything generic code (roster-mock, the acceptance harness, the benchmarks) needs to know
// about a platform's mock. Each mock package exports one as `Descriptor`; internal/mockapi/mocks lists them.
type Descriptor struct {
	// Name is the provider's `platform` value, also the mock's /__mock/<name>/ hook prefix.
	Name string
	// APIPrefix is where the API is served below the root ("/api/v3").
	APIPrefix string
	// AuthScheme prefixes the token in the Authorization header ("Bearer ").
	AuthScheme string
	// Variant is nil for a mock that plays one server only.
	Variant *Variant
	// New builds the mock; generic code calls Start, which fills in the default variant.
	New func(Options) Running
}

// Start builds the mock, with the default variant when opts names none.
func (d Descriptor) Start(opts Options) Running {
	if opts.Variant == "" && d.Variant != nil {
		opts.Variant = d.Variant.Values[0]
	}
	return d.New(opts)
}
