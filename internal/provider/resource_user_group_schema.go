package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// userGroupData is what the resource and the data source share.
type userGroupData struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Members     types.List   `tfsdk:"members"`
	// Platforms are the per-platform nested attributes, read and written by objectSplit.
	Platforms platformObjects `tfsdk:"-"`
}

// userGroupModel is the resource's model: the shared attributes plus operation timeouts.
type userGroupModel struct {
	userGroupData
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *userGroupResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The platform's own id of the group (a UUID on authentik).",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The group's name, unique on the platform.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"description": schema.StringAttribute{
			MarkdownDescription: "A description, on platforms that store one (see the capability table).",
			Optional:            true,
		},
		"members": schema.ListAttribute{
			MarkdownDescription: "User ids of the group's members, each listed once; their order does not matter. When " +
				"set, membership is authoritative: members added outside Terraform show as drift and are removed on " +
				"apply. Omit it to leave membership unmanaged.",
			ElementType:   types.StringType,
			Optional:      true,
			Validators:    []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)), uniqueMembers{}},
			PlanModifiers: []planmodifier.List{ignoreMemberOrder{}},
		},
	}
	for name, a := range platformSchemas(groupPlatformAttrs()) {
		attrs[name] = a
	}
	// Some platforms work asynchronously (Onyx syncs and deletes groups in the background); the
	// timeouts bound how long an operation waits for them.
	attrs["timeouts"] = timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user group (a team) on the provider's platform.",
		Attributes:          attrs,
	}
}
