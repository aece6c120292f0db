package platform

import (
	"fmt"
	"time"
)

// Descriptor is everything generic code (the provider, the docs, the test harness, the benchmarks) needs to
// know about one platform. Each client package exports one as `Descriptor`; internal/platforms lists them.
type Descriptor struct {
	// Name is the provider's `platform` value.
	Name Name
	// DisplayName is the product's own spelling, for messages and docs.
	DisplayName string
	// APIPrefix is what the client appends to the server root ("/api/v3"); "" when the API's paths start at
	// the root.
	APIPrefix string
	// EndpointEnv and TokenEnv are the environment variables the platform's own tooling uses; the provider
	// reads them after ROSTER_ENDPOINT and ROSTER_TOKEN.
	EndpointEnv []string
	TokenEnv    []string
	// Capabilities is the platform's row of the capability table: what it cannot do, and why.
	Capabilities Capabilities
	// Options are provider settings only this platform reads (Onyx's API generation).
	Options []Option
	// New builds the platform's client.
	New func(Settings) (Backend, error)
}

// Option is a provider setting of one platform: an optional string attribute of the provider block.
type Option struct {
	// Attribute is the provider block's attribute, prefixed with the platform's name ("onyx_api_generation").
	Attribute   string
	Description string
	// Values are the accepted values; empty accepts any.
	Values []string
}

// Settings is the provider configuration a client is built from, free of Terraform types.
type Settings struct {
	Endpoint string
	Token    string
	HTTP     Transport
	// WritesPerMinute is the provider's writes_per_minute: 0 keeps the platform's own pace, a negative value
	// turns pacing off (tests against unlimited mocks).
	WritesPerMinute int
	// Options holds the values of the descriptor's Options that are set, by attribute.
	Options map[string]string
}

// Transport holds the provider's HTTP settings (httpclient.ConfigFor turns them into a client configuration).
type Transport struct {
	MaxRetries         int
	RequestTimeout     time.Duration
	InsecureSkipVerify bool
	Headers            map[string]string
	UserAgent          string
	// MaxResponseBytes caps an answer's body; 0 keeps the client's default.
	MaxResponseBytes int64
}

// registered holds every descriptor by name, so that a Name knows its display name wherever the client is
// linked in. Register fills it while packages initialise; it is only read afterwards.
var registered = map[Name]Descriptor{}

// Register records a platform's descriptor and returns it with its capability row marked as its own. Each
// client package calls it once, in the initialiser of its Descriptor variable.
func Register(d Descriptor) Descriptor {
	if _, dup := registered[d.Name]; dup || d.Name == "" {
		panic(fmt.Sprintf("platform: descriptor %q registered twice or without a name", d.Name))
	}
	d.Capabilities.Platform = d.Name
	registered[d.Name] = d
	return d
}

// DisplayName is the product's own spelling, for messages and docs.
func (n Name) DisplayName() string {
	if d, ok := registered[n]; ok && d.DisplayName != "" {
		return d.DisplayName
	}
	return string(n)
}
