package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type apiKeyModel struct {
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	UserID           types.String `tfsdk:"user_id"`
	Description      types.String `tfsdk:"description"`
	ExpiresAt        instant      `tfsdk:"expires_at"`
	Key              types.String `tfsdk:"key"`
	RotationTriggers types.Map    `tfsdk:"rotation_triggers"`
	// Platforms are the per-platform nested attributes, read and written by objectSplit.
	Platforms platformObjects `tfsdk:"-"`
}

func (r *apiKeyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The platform's own id of the key (the token identifier on authentik).",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The key's name (on authentik its identifier: letters, digits, `-` and `_`). " +
				"Changing it replaces the key.",
			Required:      true,
			Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"user_id": schema.StringAttribute{
			MarkdownDescription: "Id of the user the key acts as, on platforms where keys belong to users (see the capability table). " +
				"On authentik it defaults to the user of the provider's token; Tyk AI Studio requires it. Changing it replaces the key.",
			Optional: true,
			Computed: true,
			PlanModifiers: []planmodifier.String{
				stringplanmodifier.UseStateForUnknown(),
				stringplanmodifier.RequiresReplaceIfConfigured(),
			},
		},
		"description": schema.StringAttribute{
			MarkdownDescription: "A description of what the key is for.",
			Optional:            true,
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		// No UseStateForUnknown: some platforms (authentik api tokens) pick a new expiry on every update, so
		// an update plans it as unknown while a no-change plan keeps it.
		"expires_at": schema.StringAttribute{
			MarkdownDescription: "When the key stops working, as an RFC 3339 timestamp in any offset " +
				"(`2030-12-06T10:17:43+02:00`); it is compared by the instant, to the second, so the server's UTC " +
				"spelling of the same time is no change. A new key cannot expire in the past. When omitted, the " +
				"platform decides and the value it reports is shown here.",
			CustomType: instantType{},
			Optional:   true,
			Computed:   true,
		},
		"key": schema.StringAttribute{
			MarkdownDescription: "The secret, kept in state (sensitive). Most platforms return it once, when the key " +
				"is created. Where the platform changes it on its own and shows the current one (authentik), every " +
				"refresh reads it: a rotated key replaces the stored one with a warning, and a key whose " +
				"platform-chosen expiry has passed is planned for replacement (see the platform's guide).",
			Computed:      true,
			Sensitive:     true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"rotation_triggers": schema.MapAttribute{
			MarkdownDescription: "Arbitrary values; changing any of them replaces the key with a new one, for " +
				"example `{ rotated = time_rotating.yearly.id }`.",
			ElementType:   types.StringType,
			Optional:      true,
			PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
		},
	}
	for name, a := range platformSchemas(apiKeyPlatformAttrs()) {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An API key (token). The secret is stored only in the sensitive `key` attribute.",
		Attributes:          attrs,
	}
}
