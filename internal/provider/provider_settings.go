package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/net/http/httpguts"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

const (
	defaultMaxRetries     = 4
	defaultRequestTimeout = 30 * time.Second
	// maxResponseMiB bounds max_response_size_mib.
	defaultMaxResponseMiB = httpclient.DefaultMaxResponseBytes >> 20
	maxResponseMiB        = 4096
)

// settings is the provider configuration after environment fallbacks and validation.
type settings struct {
	Platform           platform.Name
	Descriptor         platform.Descriptor
	Endpoint           string
	Token              string
	MaxRetries         int
	RequestTimeout     time.Duration
	InsecureSkipVerify bool
	Headers            map[string]string
	WritesPerMinute    int
	MaxResponseBytes   int64
	// Options are the platform's own settings that are set (platform.Option), by attribute.
	Options map[string]string
	// Complete is false when a value is not known yet (it depends on another resource); the provider then
	// plans what it can and builds no client.
	Complete bool
}

// resolveSettings applies environment fallbacks and reports every missing or malformed setting on its
// attribute path. It makes no network call.
func resolveSettings(ctx context.Context, cfg providerModel, diags *diag.Diagnostics) (settings, bool) {
	s := settings{MaxRetries: defaultMaxRetries, RequestTimeout: defaultRequestTimeout, MaxResponseBytes: defaultMaxResponseMiB << 20, Complete: true}

	name, known := stringSetting(cfg.Platform.IsUnknown(), cfg.Platform.ValueString(), "ROSTER_PLATFORM")
	if !known {
		// Without the platform nothing can be checked; resources plan with unknown values.
		s.Complete = false
		return s, !diags.HasError()
	}
	if name == "" {
		diags.AddAttributeError(path.Root("platform"), "Missing platform",
			"Set platform in the provider block or the ROSTER_PLATFORM environment variable to one of: "+
				quotedList(platforms.Names())+".")
		return s, false
	}
	s.Platform = platform.Name(name)
	descriptor, known := platforms.Lookup(s.Platform)
	s.Descriptor = descriptor
	switch {
	case !known:
		diags.AddAttributeError(path.Root("platform"), "Unknown platform",
			fmt.Sprintf("%q (from ROSTER_PLATFORM) is not a platform; expected one of: %s.", name, quotedList(platforms.Names())))
		return s, false
	case !descriptor.Capabilities.Available:
		diags.AddAttributeError(path.Root("platform"), "Platform not yet supported",
			fmt.Sprintf("%s is not yet supported by this version of the roster provider. Available now: %s.",
				s.Platform.DisplayName(), quotedList(availablePlatforms())))
		return s, false
	}
	endpoint, known := stringSetting(cfg.Endpoint.IsUnknown(), cfg.Endpoint.ValueString(), append([]string{"ROSTER_ENDPOINT"}, descriptor.EndpointEnv...)...)
	switch {
	case !known:
		s.Complete = false
	case endpoint == "":
		diags.AddAttributeError(path.Root("endpoint"), "Missing endpoint",
			"Set endpoint in the provider block or one of the environment variables "+strings.Join(append([]string{"ROSTER_ENDPOINT"}, descriptor.EndpointEnv...), ", ")+
				" to the server root, such as https://auth.example.com.")
	default:
		if msg := checkEndpoint(endpoint); msg != "" {
			diags.AddAttributeError(path.Root("endpoint"), "Invalid endpoint", msg)
		} else if cleartextEndpoint(endpoint) {
			diags.AddAttributeWarning(path.Root("endpoint"), "Endpoint without TLS",
				fmt.Sprintf("endpoint %q is http:// to a host other than this machine: the token, the headers and every "+
					"password and key the provider writes travel in clear text. Use https:// unless the network "+
					"in between is trusted.", endpoint))
		}
		s.Endpoint = endpoint
	}

	// A token read with file() ends with a line break, which no server wants in a header: surrounding white
	// space is never part of a token.
	configuredToken := strings.TrimSpace(cfg.Token.ValueString())
	if !cfg.Token.IsNull() && !cfg.Token.IsUnknown() && configuredToken == "" {
		diags.AddAttributeError(path.Root("token"), "Empty token", "The token holds only white space.")
	}
	token, known := stringSetting(cfg.Token.IsUnknown(), configuredToken, append([]string{"ROSTER_TOKEN"}, descriptor.TokenEnv...)...)
	switch {
	case !known:
		s.Complete = false
	case token == "":
		diags.AddAttributeError(path.Root("token"), "Missing token",
			"Set token in the provider block or one of the environment variables "+strings.Join(append([]string{"ROSTER_TOKEN"}, descriptor.TokenEnv...), ", ")+".")
	case !httpguts.ValidHeaderFieldValue(token):
		diags.AddAttributeError(path.Root("token"), "Invalid token", "The token holds a line break or another control character, which no HTTP header can carry.")
	default:
		s.Token = token
	}

	if cfg.MaxRetries.IsUnknown() || cfg.RequestTimeout.IsUnknown() || cfg.InsecureSkipVerify.IsUnknown() ||
		cfg.Headers.IsUnknown() || cfg.WritesPerMinute.IsUnknown() || cfg.MaxResponseSizeMiB.IsUnknown() {
		s.Complete = false
	}
	if !cfg.MaxRetries.IsNull() {
		s.MaxRetries = int(cfg.MaxRetries.ValueInt64())
	}
	if v := cfg.RequestTimeout.ValueString(); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			s.RequestTimeout = d
		}
	}
	s.InsecureSkipVerify = cfg.InsecureSkipVerify.ValueBool()
	s.WritesPerMinute = int(cfg.WritesPerMinute.ValueInt64())
	if !cfg.MaxResponseSizeMiB.IsNull() {
		s.MaxResponseBytes = cfg.MaxResponseSizeMiB.ValueInt64() << 20
	}
	s.Options = optionSettings(cfg.Options, s, diags)
	if s.Options == nil {
		s.Complete = false
	}
	if !cfg.Headers.IsNull() && !cfg.Headers.IsUnknown() {
		s.Headers = headerSettings(ctx, cfg.Headers, diags)
	}
	return s, !diags.HasError()
}

// optionSettings checks the platforms' own settings: each is set only for its platform. It returns nil when one
// is unknown yet.
func optionSettings(configured map[string]types.String, s settings, diags *diag.Diagnostics) map[string]string {
	out := map[string]string{}
	for attribute, v := range configured {
		switch owner, _ := optionOwner(attribute); {
		case v.IsUnknown():
			return nil
		case v.IsNull() || v.ValueString() == "":
		case owner.Name != s.Platform:
			diags.AddAttributeError(path.Root(attribute), "Setting for another platform",
				fmt.Sprintf("%s only applies when platform = %q; this provider is configured for %s.", attribute, owner.Name, s.Platform.DisplayName()))
		default:
			out[attribute] = v.ValueString()
		}
	}
	return out
}

// headerSettings reads the headers setting. Surrounding white space is dropped (HTTP ignores it, and a
// value read with file() ends with a line break); a name or value that HTTP cannot carry is reported on its
// key, rather than failing every request after its retries.
func headerSettings(ctx context.Context, value types.Map, diags *diag.Diagnostics) map[string]string {
	var raw map[string]types.String
	diags.Append(value.ElementsAs(ctx, &raw, false)...)
	headers := map[string]string{}
	for name, v := range raw {
		at := path.Root("headers").AtMapKey(name)
		switch {
		case v.IsUnknown() || v.IsNull():
			continue
		case !httpguts.ValidHeaderFieldName(name):
			diags.AddAttributeError(at, "Invalid header name", fmt.Sprintf("%q is not an HTTP header name: use letters, digits and - only.", name))
		case !httpguts.ValidHeaderFieldValue(strings.TrimSpace(v.ValueString())):
			// The value is sensitive: say what is wrong with it, never what it is.
			diags.AddAttributeError(at, "Invalid header value", fmt.Sprintf("The value of header %q holds a line break or another control character, which HTTP cannot send.", name))
		default:
			headers[name] = strings.TrimSpace(v.ValueString())
		}
	}
	return headers
}

// stringSetting returns the configured value, or the first non-empty environment variable. known is false
// when the configured value is unknown at plan time.
func stringSetting(unknown bool, configured string, envVars ...string) (value string, known bool) {
	if unknown {
		return "", false
	}
	if configured != "" {
		return configured, true
	}
	for _, name := range envVars {
		if v := strings.TrimSpace(os.Getenv(name)); v != "" {
			return v, true
		}
	}
	return "", true
}

// checkEndpoint returns why an endpoint is unusable, or "".
func checkEndpoint(raw string) string {
	// Without "://", url.Parse reads "auth.example.com" as a path and "auth.example.com:8443" as a scheme;
	// either way the scheme is what is missing.
	if !strings.Contains(raw, "://") {
		return fmt.Sprintf("endpoint %q has no scheme: write https://%s", raw, strings.TrimLeft(raw, "/"))
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Sprintf("%q is not a URL: %v.", raw, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Sprintf("%q needs an http:// or https:// scheme, such as https://auth.example.com.", raw)
	case u.Host == "":
		return fmt.Sprintf("%q has no host; expected the server root, such as https://auth.example.com.", raw)
	case u.User != nil:
		return "the endpoint must not contain credentials; put the token in the token argument."
	case u.RawQuery != "" || u.Fragment != "":
		return fmt.Sprintf("%q must not have a query or fragment; expected the server root, such as https://auth.example.com.", raw)
	}
	return ""
}

// cleartextEndpoint reports an http:// endpoint whose host is not this machine (localhost, 127.0.0.0/8, ::1):
// its requests cross a network unencrypted.
func cleartextEndpoint(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

func availablePlatforms() []string {
	var out []string
	for _, d := range platforms.All {
		if d.Capabilities.Available {
			out = append(out, string(d.Name))
		}
	}
	return out
}

func userAgent(providerVersion, terraformVersion string) string {
	ua := "terraform-provider-roster/" + providerVersion + " (+https://" + RegistryAddress + ")"
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}

func quotedList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = strconv.Quote(s)
	}
	return strings.Join(quoted, ", ")
}

func itoa(n int) string { return strconv.Itoa(n) }
