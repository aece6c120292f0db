package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
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
	"github.com/rosterhq/terraform-provider-roster/internal/platform/secoda"
)

// Secoda's nested attributes, named after the fields of its API (/api/v1/auth/group/, /api/v1/user/).

type secodaGroupModel struct {
	Icon types.String `tfsdk:"icon"`
}

type secodaUserModel struct {
	Teams   types.Set  `tfsdk:"teams"`
	Pending types.Bool `tfsdk:"pending"`
}

var secodaGroupTypes = map[string]attr.Type{"icon": types.StringType}

var secodaUserTypes = map[string]attr.Type{
	"teams":   types.SetType{ElemType: types.StringType},
	"pending": types.BoolType,
}

var secodaGroupAttr = platformAttr{
	platform:    secoda.Name,
	description: "Secoda-only group settings.",
	attrTypes:   secodaGroupTypes,
	attributes: map[string]schema.Attribute{
		"icon": schema.StringAttribute{
			MarkdownDescription: "The group's icon (an emoji) as Secoda shows it. Secoda picks one when omitted.",
			Optional:            true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m secodaGroupModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return secoda.GroupExtra{Icon: optionalString(m.Icon)}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, _ types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(secoda.GroupExtra)
		icon := ""
		if e.Icon != nil {
			icon = *e.Icon
		}
		obj, d := types.ObjectValueFrom(ctx, secodaGroupTypes, secodaGroupModel{Icon: types.StringValue(icon)})
		diags.Append(d...)
		return obj
	},
}

var secodaUserAttr = platformAttr{
	platform:    secoda.Name,
	description: "Secoda-only user settings.",
	attrTypes:   secodaUserTypes,
	attributes: map[string]schema.Attribute{
		"teams": schema.SetAttribute{
			MarkdownDescription: "UUIDs of the teams the user may see. Required by Secoda when `role` is `guest`. " +
				"Secoda does not report teams back, so changes made in its UI are not detected.",
			ElementType: types.StringType, Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			Validators:    []validator.Set{setvalidator.ValueStringsAre(uuidValidator())},
		},
		"pending": schema.BoolAttribute{
			MarkdownDescription: "`true` until the invited person signs in for the first time.",
			Computed:            true,
			PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m secodaUserModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return secoda.UserExtra{Teams: optionalStrings(m.Teams)}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, prior types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(secoda.UserExtra)
		m := secodaUserModel{Teams: types.SetNull(types.StringType), Pending: types.BoolValue(e.Pending)}
		// Secoda accepts teams but never returns them: keep what Terraform last sent.
		var priorModel secodaUserModel
		if !prior.IsNull() && !prior.IsUnknown() {
			diags.Append(prior.As(ctx, &priorModel, objectAsOptions)...)
			if !priorModel.Teams.IsUnknown() {
				m.Teams = priorModel.Teams
			}
		}
		if e.Teams != nil {
			m.Teams = stringSet(ctx, e.Teams, diags)
		}
		obj, d := types.ObjectValueFrom(ctx, secodaUserTypes, m)
		diags.Append(d...)
		return obj
	},
}

func init() {
	registerPlatformAttrs(secoda.Name, platformAttrSet{group: &secodaGroupAttr, user: &secodaUserAttr})
}
