package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type userModel struct {
	ID                types.String `tfsdk:"id"`
	Email             foldedString `tfsdk:"email"`
	Name              types.String `tfsdk:"name"`
	Role              foldedString `tfsdk:"role"`
	Active            types.Bool   `tfsdk:"active"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
	ServiceAccount    types.Bool   `tfsdk:"service_account"`
	// Platforms are the per-platform nested attributes, read and written by objectSplit.
	Platforms platformObjects `tfsdk:"-"`
}

func (r *userResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The platform's own id of the user (the integer pk on authentik).",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"email": schema.StringAttribute{
			MarkdownDescription: "The user's email address. Compared case-insensitively with what the platform stores. " +
				"Required for a person; a service account (`service_account = true`) may have none.",
			CustomType:    foldedStringType{},
			Optional:      true,
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			Validators: []validator.String{
				stringvalidator.LengthBetween(3, 254),
				stringvalidator.RegexMatches(emailPattern, "must be an email address such as ada@example.com"),
			},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The user's display name.",
			Optional:            true,
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"role": schema.StringAttribute{
			MarkdownDescription: "The user's role, on platforms that have a single role per user (see the capability table). " +
				"Compared case-insensitively with the value in state; the platform decides which spellings it accepts.",
			CustomType:    foldedStringType{},
			Optional:      true,
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"active": schema.BoolAttribute{
			MarkdownDescription: "Whether the user can sign in. Defaults to `true`.",
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(true),
		},
		"service_account": schema.BoolAttribute{
			MarkdownDescription: "Whether the user is a service account, the credentials automation runs on, instead of " +
				"a person (authentik: user type `service_account`; Unleash Enterprise: a service account). A service account " +
				"may have no `email`; `roster_api_key.user_id` may name it where the platform issues keys for one. " +
				"Defaults to `false`; changing it replaces the user. Platforms without service accounts refuse `true` at plan time.",
			Optional:      true,
			Computed:      true,
			Default:       booldefault.StaticBool(false),
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
		},
		"password_wo": schema.StringAttribute{
			MarkdownDescription: "The user's password. Write-only: it is sent to the platform and never stored in state. " +
				"It is written on create and whenever `password_wo_version` changes. Requires Terraform 1.11 or later.",
			Optional:  true,
			Sensitive: true,
			WriteOnly: true,
			Validators: []validator.String{
				stringvalidator.LengthAtLeast(1),
				stringvalidator.AlsoRequires(path.MatchRoot("password_wo_version")),
			},
		},
		"password_wo_version": schema.Int64Attribute{
			MarkdownDescription: "Change this number to write `password_wo` again.",
			Optional:            true,
			Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))},
		},
	}
	for name, a := range platformSchemas(userPlatformAttrs()) {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user on the provider's platform.",
		Attributes:          attrs,
	}
}
