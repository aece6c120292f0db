package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/unleash"
)

// Unleash's nested attributes, named after the fields of its admin API (/api/admin/...).

type unleashUserModel struct {
	Username  types.String `tfsdk:"username"`
	SendEmail types.Bool   `tfsdk:"send_email"`
}

type unleashGroupModel struct {
	RootRole     types.String `tfsdk:"root_role"`
	SSOMappings  types.Set    `tfsdk:"sso_mappings"`
	ProjectRoles types.Map    `tfsdk:"project_roles"`
}

type unleashAPIKeyModel struct {
	Type        types.String `tfsdk:"type"`
	Environment types.String `tfsdk:"environment"`
	Projects    types.Set    `tfsdk:"projects"`
}

// Unleash project ids are URL-friendly names; role names may hold spaces (custom roles) but are never blank.
var (
	projectIDPattern = regexp.MustCompile(`^\S+$`)
	nonBlankPattern  = regexp.MustCompile(`\S`)
)

var unleashUserTypes = map[string]attr.Type{"username": types.StringType, "send_email": types.BoolType}

var unleashGroupTypes = map[string]attr.Type{
	"root_role":     types.StringType,
	"sso_mappings":  types.SetType{ElemType: types.StringType},
	"project_roles": stringSetMapType,
}

var unleashAPIKeyTypes = map[string]attr.Type{
	"type":        types.StringType,
	"environment": types.StringType,
	"projects":    types.SetType{ElemType: types.StringType},
}

var unleashUserAttr = platformAttr{
	platform:    unleash.Name,
	description: "Unleash-only user settings.",
	attrTypes:   unleashUserTypes,
	attributes: map[string]schema.Attribute{
		"username": schema.StringAttribute{
			MarkdownDescription: "A username to sign in with besides the email. Unleash cannot change it: a new " +
				"value replaces the user.",
			Optional: true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"send_email": schema.BoolAttribute{
			MarkdownDescription: "Whether Unleash e-mails the new user a welcome link. Defaults to `false`, so " +
				"applying a configuration never e-mails people by surprise. Only used on create.",
			Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m unleashUserModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return unleash.UserExtra{Username: m.Username.ValueString(), SendEmail: optionalBool(m.SendEmail)}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, prior types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(unleash.UserExtra)
		m := unleashUserModel{Username: types.StringValue(e.Username), SendEmail: types.BoolValue(derefBool(e.SendEmail))}
		// Unleash never reports send_email back: keep what was sent.
		var p unleashUserModel
		if !prior.IsNull() && !prior.IsUnknown() {
			diags.Append(prior.As(ctx, &p, objectAsOptions)...)
			if !p.SendEmail.IsNull() && !p.SendEmail.IsUnknown() {
				m.SendEmail = p.SendEmail
			}
		}
		obj, d := types.ObjectValueFrom(ctx, unleashUserTypes, m)
		diags.Append(d...)
		return obj
	},
}

var unleashGroupAttr = platformAttr{
	platform:    unleash.Name,
	description: "Unleash-only group settings (groups need Unleash Enterprise).",
	attrTypes:   unleashGroupTypes,
	cleared:     map[string]attr.Value{"root_role": types.StringValue(""), "sso_mappings": emptyStringSet, "project_roles": emptyStringSetMap},
	attributes: map[string]schema.Attribute{
		"root_role": schema.StringAttribute{
			MarkdownDescription: "The root role every member gets: `Admin`, `Editor`, `Viewer` or a custom role id. " +
				"Empty for none.",
			Optional: true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"sso_mappings": schema.SetAttribute{
			MarkdownDescription: "SSO group names that sync members into this group. SSO sync changes members " +
				"outside Terraform: leave `members` unset on such groups.",
			ElementType: types.StringType, Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
		},
		"project_roles": schema.MapAttribute{
			MarkdownDescription: "The group's roles in projects: project id to role names (`Owner`, `Member`, " +
				"`Reader` or a custom project role, spelled as Unleash spells them). Set, it is the whole of the " +
				"group's project access: a project left out loses the group. Other groups and users keep their " +
				"access. Unset, project access is left alone and not refreshed (an import reads it). Unleash Enterprise only.",
			ElementType: types.SetType{ElemType: types.StringType}, Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			Validators: []validator.Map{
				mapvalidator.KeysAre(stringvalidator.RegexMatches(projectIDPattern, "must be a project id (not blank, no spaces)")),
				mapvalidator.ValueSetsAre(
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.RegexMatches(nonBlankPattern, "must be a role name, not blank")),
				),
			},
		},
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m unleashGroupModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return unleash.GroupExtra{RootRole: optionalString(m.RootRole), SSOMappings: optionalStrings(m.SSOMappings), ProjectRoles: optionalStringSetMap(m.ProjectRoles)}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, prior types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(unleash.GroupExtra)
		role := ""
		if e.RootRole != nil {
			role = *e.RootRole
		}
		m := unleashGroupModel{RootRole: types.StringValue(role), SSOMappings: stringSet(ctx, e.SSOMappings, diags), ProjectRoles: stringSetMap(e.ProjectRoles, diags)}
		// Project roles are read only where the state holds them: what was not read keeps its prior value.
		var p unleashGroupModel
		if e.ProjectRoles == nil && !prior.IsNull() && !prior.IsUnknown() {
			diags.Append(prior.As(ctx, &p, objectAsOptions)...)
			if !p.ProjectRoles.IsUnknown() {
				m.ProjectRoles = p.ProjectRoles
			}
		}
		obj, d := types.ObjectValueFrom(ctx, unleashGroupTypes, m)
		diags.Append(d...)
		return obj
	},
}

var unleashAPIKeyAttr = platformAttr{
	platform:    unleash.Name,
	description: "Unleash-only API token settings. None of them can change in place: a new value replaces the token.",
	attrTypes:   unleashAPIKeyTypes,
	attributes: map[string]schema.Attribute{
		"type": schema.StringAttribute{
			MarkdownDescription: "`client` (SDKs on servers; Unleash also calls it `backend`) or `frontend`. " +
				"Defaults to `client`.",
			Optional: true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			Validators:    []validator.String{stringvalidator.OneOf("client", "backend", "frontend")},
		},
		"environment": schema.StringAttribute{
			MarkdownDescription: "The environment the token reads, such as `development` or `production`.",
			Optional:            true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"projects": schema.SetAttribute{
			MarkdownDescription: "Projects the token can read; `[\"*\"]` (the default) for all.",
			ElementType:         types.StringType, Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
		},
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m unleashAPIKeyModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return unleash.APIKeyExtra{Type: m.Type.ValueString(), Environment: m.Environment.ValueString(), Projects: optionalStrings(m.Projects)}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, prior types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(unleash.APIKeyExtra)
		if e.Type == "" && e.Environment == "" && e.Projects == nil {
			// A service account's token has none of an API token's settings: null, not empty strings that the
			// configuration -generate-config-out writes would then fail validation with.
			return types.ObjectNull(unleashAPIKeyTypes)
		}
		m := unleashAPIKeyModel{Type: types.StringValue(e.Type), Environment: types.StringValue(e.Environment), Projects: stringSet(ctx, e.Projects, diags)}
		// Unleash reports a "backend" token as "client": keep the user's spelling of the same type.
		var p unleashAPIKeyModel
		if !prior.IsNull() && !prior.IsUnknown() {
			diags.Append(prior.As(ctx, &p, objectAsOptions)...)
			if p.Type.ValueString() == "backend" && e.Type == "client" {
				m.Type = p.Type
			}
		}
		obj, d := types.ObjectValueFrom(ctx, unleashAPIKeyTypes, m)
		diags.Append(d...)
		return obj
	},
}

func init() {
	registerPlatformAttrs(unleash.Name, platformAttrSet{group: &unleashGroupAttr, user: &unleashUserAttr, apiKey: &unleashAPIKeyAttr})
}
