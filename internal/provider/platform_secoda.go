package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Secoda's nested attributes. The Secoda client is not part of this release (the capability table marks the
// platform unavailable), so there are no conversions yet; the schema exists so a configuration written for
// Secoda is recognised and rejected with a clear message on other platforms.

var secodaGroupAttr = platformAttr{
	platform:    platform.Secoda,
	description: "Secoda-only group settings.",
	attrTypes:   map[string]attr.Type{"icon": types.StringType},
	attributes: map[string]schema.Attribute{
		"icon": schema.StringAttribute{
			MarkdownDescription: "The group's icon (an emoji) as Secoda shows it.",
			Optional:            true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	},
}
