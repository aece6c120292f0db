package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/tykaistudio"
)

// Tyk AI Studio's nested attributes, named after the fields of its API (/api/v1/users, /api/v1/groups).

type tykUserModel struct {
	IsAdmin              types.Bool `tfsdk:"is_admin"`
	ShowChat             types.Bool `tfsdk:"show_chat"`
	ShowPortal           types.Bool `tfsdk:"show_portal"`
	EmailVerified        types.Bool `tfsdk:"email_verified"`
	NotificationsEnabled types.Bool `tfsdk:"notifications_enabled"`
	AccessToSSOConfig    types.Bool `tfsdk:"access_to_sso_config"`
}

type tykGroupModel struct {
	CatalogueIDs     types.Set `tfsdk:"catalogue_ids"`
	DataCatalogueIDs types.Set `tfsdk:"data_catalogue_ids"`
	ToolCatalogueIDs types.Set `tfsdk:"tool_catalogue_ids"`
}

var tykUserFlags = map[string]string{
	"is_admin":              "Administrators manage the whole instance. Only admins may have `access_to_sso_config`.",
	"show_chat":             "Whether the user sees the chat interface.",
	"show_portal":           "Whether the user sees the AI portal.",
	"email_verified":        "Whether the email address counts as verified; unverified users cannot sign in with a password or key.",
	"notifications_enabled": "Whether the user receives notifications (admins only).",
	"access_to_sso_config":  "Whether the user may change SSO settings (admins only).",
}

var tykUserTypes = func() map[string]attr.Type {
	out := map[string]attr.Type{}
	for name := range tykUserFlags {
		out[name] = types.BoolType
	}
	return out
}()

var tykGroupTypes = map[string]attr.Type{
	"catalogue_ids":      types.SetType{ElemType: types.StringType},
	"data_catalogue_ids": types.SetType{ElemType: types.StringType},
	"tool_catalogue_ids": types.SetType{ElemType: types.StringType},
}

var tykUserAttr = platformAttr{
	platform:    tykaistudio.Name,
	description: "Tyk AI Studio-only user settings; omitted flags keep their current value (the server default on create).",
	attrTypes:   tykUserTypes,
	attributes: func() map[string]schema.Attribute {
		out := map[string]schema.Attribute{}
		for name, doc := range tykUserFlags {
			out[name] = schema.BoolAttribute{
				MarkdownDescription: doc, Optional: true, Computed: true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			}
		}
		return out
	}(),
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m tykUserModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return tykaistudio.UserExtra{
			IsAdmin: optionalBool(m.IsAdmin), ShowChat: optionalBool(m.ShowChat), ShowPortal: optionalBool(m.ShowPortal),
			EmailVerified: optionalBool(m.EmailVerified), NotificationsEnabled: optionalBool(m.NotificationsEnabled),
			AccessToSSOConfig: optionalBool(m.AccessToSSOConfig),
		}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, _ types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(tykaistudio.UserExtra)
		m := tykUserModel{
			IsAdmin: types.BoolValue(derefBool(e.IsAdmin)), ShowChat: types.BoolValue(derefBool(e.ShowChat)),
			ShowPortal: types.BoolValue(derefBool(e.ShowPortal)), EmailVerified: types.BoolValue(derefBool(e.EmailVerified)),
			NotificationsEnabled: types.BoolValue(derefBool(e.NotificationsEnabled)),
			AccessToSSOConfig:    types.BoolValue(derefBool(e.AccessToSSOConfig)),
		}
		obj, d := types.ObjectValueFrom(ctx, tykUserTypes, m)
		diags.Append(d...)
		return obj
	},
}

func catalogueIDsAttribute(kind string) schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: "Ids of the " + kind + " the group's members may use.",
		ElementType:         types.StringType, Optional: true, Computed: true,
		PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
		Validators:    []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(positiveIntPattern, "must be a numeric id such as \"3\""))},
	}
}

var tykGroupAttr = platformAttr{
	platform:    tykaistudio.Name,
	description: "Tyk AI Studio-only group (Team) settings.",
	attrTypes:   tykGroupTypes,
	cleared: map[string]attr.Value{
		"catalogue_ids": emptyStringSet, "data_catalogue_ids": emptyStringSet, "tool_catalogue_ids": emptyStringSet,
	},
	attributes: map[string]schema.Attribute{
		"catalogue_ids":      catalogueIDsAttribute("LLM catalogues"),
		"data_catalogue_ids": catalogueIDsAttribute("data catalogues"),
		"tool_catalogue_ids": catalogueIDsAttribute("tool catalogues"),
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m tykGroupModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return tykaistudio.GroupExtra{
			CatalogueIDs:     optionalStrings(m.CatalogueIDs),
			DataCatalogueIDs: optionalStrings(m.DataCatalogueIDs),
			ToolCatalogueIDs: optionalStrings(m.ToolCatalogueIDs),
		}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, _ types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(tykaistudio.GroupExtra)
		m := tykGroupModel{
			CatalogueIDs:     stringSet(ctx, e.CatalogueIDs, diags),
			DataCatalogueIDs: stringSet(ctx, e.DataCatalogueIDs, diags),
			ToolCatalogueIDs: stringSet(ctx, e.ToolCatalogueIDs, diags),
		}
		obj, d := types.ObjectValueFrom(ctx, tykGroupTypes, m)
		diags.Append(d...)
		return obj
	},
}

func init() {
	registerPlatformAttrs(tykaistudio.Name, platformAttrSet{group: &tykGroupAttr, user: &tykUserAttr})
}
