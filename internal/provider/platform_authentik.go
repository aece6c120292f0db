package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/authentik"
)

// authentik's nested attributes, named after the fields of its API (/api/v3/core/...).

type authentikGroupModel struct {
	IsSuperuser types.Bool           `tfsdk:"is_superuser"`
	Parents     types.Set            `tfsdk:"parents"`
	Roles       types.Set            `tfsdk:"roles"`
	Attributes  jsontypes.Normalized `tfsdk:"attributes"`
}

type authentikUserModel struct {
	Username   types.String         `tfsdk:"username"`
	Path       types.String         `tfsdk:"path"`
	Type       types.String         `tfsdk:"type"`
	Attributes jsontypes.Normalized `tfsdk:"attributes"`
	Roles      types.Set            `tfsdk:"roles"`
}

type authentikAPIKeyModel struct {
	Intent   types.String `tfsdk:"intent"`
	Expiring types.Bool   `tfsdk:"expiring"`
}

var authentikGroupTypes = map[string]attr.Type{
	"is_superuser": types.BoolType,
	"parents":      types.SetType{ElemType: types.StringType},
	"roles":        types.SetType{ElemType: types.StringType},
	"attributes":   jsontypes.NormalizedType{},
}

var authentikGroupAttr = platformAttr{
	platform:    authentik.Name,
	description: "authentik-only group settings.",
	attrTypes:   authentikGroupTypes,
	cleared: map[string]attr.Value{
		"is_superuser": types.BoolValue(false),
		"parents":      emptyStringSet,
		"roles":        emptyStringSet,
		"attributes":   jsontypes.NewNormalizedValue("{}"),
	},
	attributes: map[string]schema.Attribute{
		"is_superuser": schema.BoolAttribute{
			MarkdownDescription: "Members of a superuser group are authentik superusers. Changing it needs the " +
				"`enable_group_superuser`/`disable_group_superuser` permissions.",
			Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
		"parents": schema.SetAttribute{
			MarkdownDescription: "UUIDs of parent groups. Members inherit the parents' roles and superuser status.",
			ElementType:         types.StringType, Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			Validators:    []validator.Set{setvalidator.ValueStringsAre(uuidValidator())},
		},
		"roles": schema.SetAttribute{
			MarkdownDescription: "UUIDs of the RBAC roles assigned to the group.",
			ElementType:         types.StringType, Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			Validators:    []validator.Set{setvalidator.ValueStringsAre(uuidValidator())},
		},
		"attributes": schema.StringAttribute{
			MarkdownDescription: "The group's `attributes` as a JSON object, for example `jsonencode({ team = \"infra\" })`.",
			CustomType:          jsontypes.NormalizedType{}, Optional: true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m authentikGroupModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return authentik.GroupExtra{
			IsSuperuser: optionalBool(m.IsSuperuser),
			Parents:     optionalStrings(m.Parents),
			Roles:       optionalStrings(m.Roles),
			Attributes:  optionalJSON(m.Attributes),
		}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, _ types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(authentik.GroupExtra)
		m := authentikGroupModel{
			IsSuperuser: types.BoolValue(derefBool(e.IsSuperuser)),
			Parents:     stringSet(ctx, e.Parents, diags),
			Roles:       stringSet(ctx, e.Roles, diags),
			Attributes:  jsonValue(e.Attributes),
		}
		obj, d := types.ObjectValueFrom(ctx, authentikGroupTypes, m)
		diags.Append(d...)
		return obj
	},
}

var authentikUserTypes = map[string]attr.Type{
	"username":   types.StringType,
	"path":       types.StringType,
	"type":       types.StringType,
	"attributes": jsontypes.NormalizedType{},
	"roles":      types.SetType{ElemType: types.StringType},
}

var authentikUserAttr = platformAttr{
	platform:    authentik.Name,
	description: "authentik-only user settings.",
	attrTypes:   authentikUserTypes,
	cleared:     map[string]attr.Value{"attributes": jsontypes.NewNormalizedValue("{}")},
	attributes: map[string]schema.Attribute{
		"username": schema.StringAttribute{
			MarkdownDescription: "The unique username (1 to 150 characters). Defaults to the email address.",
			Optional:            true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			Validators:    []validator.String{stringvalidator.LengthBetween(1, 150)},
		},
		"path": schema.StringAttribute{
			MarkdownDescription: "The folder-like path the user is listed under, without leading or trailing `/`. " +
				"authentik defaults it to `users`.",
			Optional: true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"type": schema.StringAttribute{
			MarkdownDescription: "One of `internal`, `external`, `service_account`. authentik defaults it to `internal`.",
			Optional:            true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			Validators:    []validator.String{stringvalidator.OneOf("internal", "external", "service_account")},
		},
		"attributes": schema.StringAttribute{
			MarkdownDescription: "The user's `attributes` as a JSON object.",
			CustomType:          jsontypes.NormalizedType{}, Optional: true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"roles": schema.SetAttribute{
			MarkdownDescription: "UUIDs of the RBAC roles assigned to the user directly. Roles the user has through " +
				"its groups are not listed here; `[]` removes every direct role.",
			ElementType: types.StringType, Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			Validators:    []validator.Set{setvalidator.ValueStringsAre(uuidValidator())},
		},
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m authentikUserModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return authentik.UserExtra{
			Username:   m.Username.ValueString(),
			Path:       m.Path.ValueString(),
			Type:       m.Type.ValueString(),
			Attributes: optionalJSON(m.Attributes),
			Roles:      optionalStrings(m.Roles),
		}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, _ types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(authentik.UserExtra)
		m := authentikUserModel{
			Username:   types.StringValue(e.Username),
			Path:       types.StringValue(e.Path),
			Type:       types.StringValue(e.Type),
			Attributes: jsonValue(e.Attributes),
			Roles:      stringSet(ctx, e.Roles, diags),
		}
		obj, d := types.ObjectValueFrom(ctx, authentikUserTypes, m)
		diags.Append(d...)
		return obj
	},
}

var authentikAPIKeyTypes = map[string]attr.Type{
	"intent":   types.StringType,
	"expiring": types.BoolType,
}

var authentikAPIKeyAttr = platformAttr{
	platform:    authentik.Name,
	description: "authentik-only token settings.",
	attrTypes:   authentikAPIKeyTypes,

	attributes: map[string]schema.Attribute{
		"intent": schema.StringAttribute{
			MarkdownDescription: "`api` (the default) or `app_password`. authentik gives `api` tokens an expiry of its own " +
				"(now plus the tenant's default token duration) on every write; choose `app_password` to set `expires_at`.",
			Optional: true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			Validators:    []validator.String{stringvalidator.OneOf("api", "app_password")},
		},
		"expiring": schema.BoolAttribute{
			MarkdownDescription: "Whether the token expires. authentik defaults it to `true`. `false` needs a provider " +
				"token whose user is a superuser (or has the attribute `goauthentik.io/user/token-expires = false`): " +
				"authentik makes anyone else's token expiring anyway, and the apply fails saying so.",
			Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m authentikAPIKeyModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return authentik.APIKeyExtra{Intent: m.Intent.ValueString(), Expiring: optionalBool(m.Expiring)}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, _ types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(authentik.APIKeyExtra)
		m := authentikAPIKeyModel{Intent: types.StringValue(e.Intent), Expiring: types.BoolValue(derefBool(e.Expiring))}
		obj, d := types.ObjectValueFrom(ctx, authentikAPIKeyTypes, m)
		diags.Append(d...)
		return obj
	},
}

func optionalJSON(v jsontypes.Normalized) json.RawMessage {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return json.RawMessage(v.ValueString())
}

func jsonValue(raw json.RawMessage) jsontypes.Normalized {
	if len(raw) == 0 {
		return jsontypes.NewNormalizedValue("{}")
	}
	return jsontypes.NewNormalizedValue(string(raw))
}

func init() {
	registerPlatformAttrs(authentik.Name, platformAttrSet{group: &authentikGroupAttr, user: &authentikUserAttr, apiKey: &authentikAPIKeyAttr})
}
