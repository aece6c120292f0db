package provider

import (
	"sort"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

// capabilityTableMarkdown renders the platforms' capability rows for the provider's documentation,
// so the docs can never disagree with the plan-time checks.
func capabilityTableMarkdown() string {
	var b strings.Builder
	b.WriteString("| platform | status | not supported (plan-time error) | other rules |\n|---|---|---|---|\n")
	for _, d := range platforms.All {
		caps := d.Capabilities
		status := "available"
		if !caps.Available {
			status = "not yet available"
		}
		var gaps []string
		for _, f := range caps.SortedUnsupported() {
			gaps = append(gaps, "`"+f.Describe(attributeName)+"`: "+caps.Unsupported[f])
		}
		b.WriteString("| `" + string(d.Name) + "` (" + d.DisplayName + ") | " + status + " | " +
			orDash(gaps) + " | " + orDash(otherRules(caps)) + " |\n")
	}
	return b.String()
}

// otherRules lists read-only, replace-on-change and create-only attributes.
func otherRules(caps platform.Capabilities) []string {
	var rules []string
	for f, reason := range caps.ReadOnly {
		// Read-only attributes are reported in state; configuring one is an error unless it equals the value in
		// state (configuration written by -generate-config-out).
		rules = append(rules, "`"+f.Describe(attributeName)+"` is read-only (a plan-time error when configured, "+
			"unless equal to the value in state): "+reason)
	}
	for kind, attrs := range caps.ReplaceOnChange {
		for _, a := range attrs {
			rules = append(rules, "changing `"+platform.Feature{Kind: kind, Field: a}.Describe(attributeName)+"` replaces the object")
		}
	}
	for f, reason := range caps.CreateOnly {
		rules = append(rules, "`"+f.Describe(attributeName)+"` is set on create only: "+reason)
	}
	sort.Strings(rules)
	return rules
}

func orDash(items []string) string {
	if len(items) == 0 {
		return "-"
	}
	return strings.Join(items, "<br>")
}
