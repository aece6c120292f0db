package provider

import (
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// capabilityTableMarkdown renders the capability table of internal/platform for the provider's documentation,
// so the docs can never disagree with the plan-time checks.
func capabilityTableMarkdown() string {
	var b strings.Builder
	b.WriteString("| platform | status | not supported |\n|---|---|---|\n")
	for _, name := range platform.AllNames {
		caps := platform.CapabilitiesOf(name)
		status := "available"
		if !caps.Available {
			status = "not yet available"
		}
		var gaps []string
		for _, f := range caps.SortedUnsupported() {
			gaps = append(gaps, "`"+f.String()+"`: "+caps.Unsupported[f])
		}
		if len(gaps) == 0 {
			gaps = []string{"-"}
		}
		b.WriteString("| `" + string(name) + "` (" + name.DisplayName() + ") | " + status + " | " + strings.Join(gaps, "<br>") + " |\n")
	}
	return b.String()
}
