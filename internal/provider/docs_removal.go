package provider

import (
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

// removalMarkdown renders, from the platforms' nested attributes, which attributes removing from the
// configuration clears, so the docs can never disagree with the plan (managed_attrs.go has the rule).
func removalMarkdown() string {
	var b strings.Builder
	b.WriteString("What taking an attribute out of the configuration does (the rule is under " +
		"\"Behaviour you can rely on\"). Every platform: `description` of `roster_user_group` and `roster_api_key` " +
		"is cleared where the platform stores one; `members` is left as it is.\n\n")
	b.WriteString("| platform | cleared when removed | kept when removed |\n|---|---|---|\n")
	for _, d := range platforms.All {
		set := platformAttrSets[d.Name]
		var cleared, kept []string
		for _, kind := range []struct {
			typeName string
			attr     *platformAttr
		}{{"roster_user_group", set.group}, {"roster_user", set.user}, {"roster_api_key", set.apiKey}} {
			if kind.attr == nil {
				continue
			}
			for _, name := range slices.Sorted(func(yield func(string) bool) {
				for n, a := range kind.attr.attributes {
					if (a.IsOptional() || a.IsRequired()) && !yield(n) {
						return
					}
				}
			}) {
				entry := "`" + kind.typeName + "." + kind.attr.name() + "." + name + "`"
				if _, ok := kind.attr.cleared[name]; ok {
					cleared = append(cleared, entry)
				} else {
					kept = append(kept, entry)
				}
			}
		}
		b.WriteString("| `" + string(d.Name) + "` | " + orDash(cleared) + " | " + orDash(kept) + " |\n")
	}
	return b.String()
}
