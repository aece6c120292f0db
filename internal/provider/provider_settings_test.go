package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An http:// endpoint warns on the endpoint attribute unless the host is this machine; https:// never warns.
func TestResolveSettingsWarnsOfCleartextEndpoints(t *testing.T) {
	for endpoint, warn := range map[string]bool{
		"http://auth.example.com":       true,
		"http://10.0.0.7:9000/":         true,
		"HTTP://auth.example.com":       true,
		"http://[2001:db8::1]:8080":     true,
		"http://localhost.example.com/": true,
		"http://127.0.0.1:9000":         false,
		"http://127.8.9.10":             false,
		"http://[::1]:4242":             false,
		"http://localhost:3000":         false,
		"http://LOCALHOST":              false,
		"https://auth.example.com":      false,
		"https://127.0.0.1":             false,
	} {
		var diags diag.Diagnostics
		cfg := providerModel{Platform: types.StringValue("authentik"), Endpoint: types.StringValue(endpoint), Token: types.StringValue("t")}
		if _, ok := resolveSettings(context.Background(), cfg, &diags); !ok {
			t.Errorf("%s: unexpected errors %v", endpoint, diags)
			continue
		}
		var warnings []string
		for _, d := range diags.Warnings() {
			if wp, ok := d.(diag.DiagnosticWithPath); ok && wp.Path().Equal(path.Root("endpoint")) &&
				strings.Contains(d.Detail(), "clear text") && strings.Contains(d.Detail(), endpoint) {
				warnings = append(warnings, d.Detail())
			}
		}
		if got := len(warnings) > 0; got != warn {
			t.Errorf("%s: endpoint warning = %v, want %v (diagnostics %v)", endpoint, got, warn, diags)
		}
	}
}
