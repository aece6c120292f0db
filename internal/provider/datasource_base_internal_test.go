package provider

import (
	"testing"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// The data sources describe each platform attribute as the resources do, so their docs are not bare types.
func TestDataSourcePlatformAttributesAreDescribed(t *testing.T) {
	for kind, attrs := range map[string][]platformAttr{"user": userPlatformAttrs(), "group": groupPlatformAttrs(), "api key": apiKeyPlatformAttrs()} {
		for name, nested := range dataSourcePlatformSchemas(attrs) {
			for inner, a := range nested.(dschema.SingleNestedAttribute).Attributes {
				if a.GetMarkdownDescription() == "" {
					t.Errorf("%s data source: %s.%s has no description", kind, name, inner)
				}
			}
		}
	}
}
