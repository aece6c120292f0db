package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var (
	_ resource.ResourceWithConfigure   = (*membershipResource)(nil)
	_ resource.ResourceWithImportState = (*membershipResource)(nil)
)

// membershipResource is one user in one group, leaving the group's other members alone.
type membershipResource struct{ resourceBase }

func newMembershipResource() resource.Resource { return &membershipResource{} }

type membershipModel struct {
	ID      types.String `tfsdk:"id"`
	GroupID types.String `tfsdk:"group_id"`
	UserID  types.String `tfsdk:"user_id"`
}

func (r *membershipResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_group_membership"
}

func (r *membershipResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One user in one group, for groups whose other members are managed elsewhere (SSO, the " +
			"platform's UI, another team). It never touches the group's other members.\n\n" +
			"~> Do not combine it with `members` on a `roster_user_group` for the same group: `members` is " +
			"authoritative and removes every member it does not list, so the two would undo each other on every apply.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<group_id>/<user_id>`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"group_id": schema.StringAttribute{
				MarkdownDescription: "Id of the group. Changing it replaces the membership.",
				Required:            true, PlanModifiers: replace, Validators: nonEmpty,
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "Id of the user. Changing it replaces the membership.",
				Required:            true, PlanModifiers: replace, Validators: nonEmpty,
			},
		},
	}
}

func membershipID(groupID, userID string) string { return groupID + "/" + userID }

func (r *membershipResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	backend := r.data.groups(&resp.Diagnostics)
	var plan membershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := platform.AddMember(ctx, backend, plan.GroupID.ValueString(), plan.UserID.ValueString()); err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot add the user to the group", err)
		return
	}
	plan.ID = types.StringValue(membershipID(plan.GroupID.ValueString(), plan.UserID.ValueString()))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *membershipResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	backend := r.data.groups(&resp.Diagnostics)
	var state membershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	member, err := platform.IsMember(ctx, backend, state.GroupID.ValueString(), state.UserID.ValueString())
	if platform.IsNotFound(err) || (err == nil && !member) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot read the group's members", err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update is never called with a change: both attributes force replacement.
func (r *membershipResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan membershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *membershipResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	backend := r.data.groups(&resp.Diagnostics)
	var state membershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := platform.RemoveMember(ctx, backend, state.GroupID.ValueString(), state.UserID.ValueString()); err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot remove the user from the group", err)
	}
}

// ImportState accepts <group_id>/<user_id>.
func (r *membershipResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	groupID, userID, ok := strings.Cut(req.ID, "/")
	if !ok || groupID == "" || userID == "" || strings.Contains(userID, "/") {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Expected <group_id>/<user_id>, such as 9b2b6f1e-5c1a-4a7e-9d8e-1f2a3b4c5d6e/42; got %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("group_id"), groupID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_id"), userID)...)
}
