package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var (
	_ resource.ResourceWithConfigure   = (*userGroupResource)(nil)
	_ resource.ResourceWithImportState = (*userGroupResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*userGroupResource)(nil)
)

type userGroupResource struct{ resourceBase }

func newUserGroupResource() resource.Resource { return &userGroupResource{} }

func (r *userGroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_group"
}

// ModifyPlan runs the platform checks that need the provider's platform: foreign nested attributes,
// unsupported attributes and the platform's own rules. It sends no request.
func (r *userGroupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !r.planChecksApply() {
		return
	}
	if req.Plan.Raw.IsNull() {
		r.checkDeletion(ctx, req, resp)
		return
	}
	managed := managedFrom(ctx, req.Private)
	if planChangesNothing(req) && !managed.removedFromConfig(req.Config.Raw) {
		return
	}
	var config, plan userGroupModel
	resp.Diagnostics.Append(groupSplit().get(ctx, req.Config.Raw, &config)...)
	resp.Diagnostics.Append(groupSplit().get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkForeignAttributes(r.data, groupPlatformAttrs(), config.Platforms, &resp.Diagnostics)
	checkCapabilities(r.data, platform.KindUserGroup, map[string]bool{
		"description": setAndChanged(ctx, req.Config, req.State, "description"),
		"members":     !config.Members.IsNull() && !sameMembers(config.Members, r.priorMembers(ctx, req.State)),
	}, &resp.Diagnostics)
	if v, ok := specValidator[platform.GroupValidator](r.data); ok && !resp.Diagnostics.HasError() {
		addFieldErrors(ctx, &resp.Diagnostics, r.data, req.Config, req.State, v.ValidateGroup(r.spec(ctx, plan, config, &resp.Diagnostics)))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	cleared := clearRemoved(ctx, r.data, groupPlatformAttrs(), managed, config.Platforms, plan.Platforms, &resp.Diagnostics)
	if nullForeignAttributes(r.data, groupPlatformAttrs(), plan.Platforms) || cleared {
		resp.Diagnostics.Append(groupSplit().set(ctx, &resp.Plan.Raw, &plan)...)
	}
	requireReplacements(ctx, r.data, platform.KindUserGroup, req, resp)
	rejectCreateOnlyChanges(ctx, r.data, platform.KindUserGroup, req, resp)
}

// priorMembers is the state's members, null when there is no state.
func (r *userGroupResource) priorMembers(ctx context.Context, state tfsdk.State) types.List {
	members := types.ListNull(types.StringType)
	if !state.Raw.IsNull() {
		_ = state.GetAttribute(ctx, path.Root("members"), &members)
	}
	return members
}

// checkDeletion fails a destroy plan for a group the platform refuses to delete.
func (r *userGroupResource) checkDeletion(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	guard, ok := r.data.backend.(platform.DeletionGuard)
	if !ok || req.State.Raw.IsNull() {
		return
	}
	var prior userGroupModel
	resp.Diagnostics.Append(groupSplit().get(ctx, req.State.Raw, &prior)...)
	if reason := guard.GroupDeletionRefused(prior.Name.ValueString()); reason != "" {
		resp.Diagnostics.AddError("Cannot delete user group "+prior.Name.ValueString(), reason+".")
	}
}

// spec builds the desired state; config decides what Terraform manages (null = leave alone, so Update
// first puts the clears of removed attributes into it: withClears).
func (r *userGroupResource) spec(ctx context.Context, plan, config userGroupModel, diags *diag.Diagnostics) platform.GroupSpec {
	return platform.GroupSpec{
		Name:        plan.Name.ValueString(),
		Description: optionalString(config.Description),
		Members:     optionalStrings(plan.Members),
		Extra:       extraFromConfig(ctx, r.data, groupPlatformAttrs(), config.Platforms, diags),
	}
}

// toState copies what the platform reported. Members and description are refreshed only when Terraform
// manages them, so unmanaged membership never shows as drift. Right after an import they are filled when
// the group has any, and left unmanaged when empty, so a configuration without them plans no change;
// members of a group the platform fills by itself (platform.GroupMembersKeeper) stay unmanaged.
func (r *userGroupResource) toState(ctx context.Context, g platform.Group, prior userGroupModel, imported bool, diags *diag.Diagnostics) userGroupModel {
	out := prior
	out.ID = types.StringValue(g.ID)
	out.Name = types.StringValue(g.Name)
	keeper, _ := r.data.backend.(platform.GroupMembersKeeper)
	adopt := imported && len(g.Members) > 0 && (keeper == nil || !keeper.PlatformKeepsMembers(g.Name))
	if !prior.Members.IsNull() || adopt {
		out.Members = membersInPriorOrder(prior.Members, g.Members, diags)
	}
	if r.data.supports(platform.KindUserGroup, platform.FieldDescription) && (!prior.Description.IsNull() || (imported && g.Description != "")) {
		out.Description = types.StringValue(g.Description)
	}
	out.Platforms = platformObjectsFrom(ctx, r.data, groupPlatformAttrs(), g.Extra, out.Platforms, diags)
	return out
}

func (r *userGroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	backend := r.data.groups(&resp.Diagnostics)
	var plan, config userGroupModel
	resp.Diagnostics.Append(groupSplit().get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(groupSplit().get(ctx, req.Config.Raw, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	spec := r.spec(ctx, plan, config, &resp.Diagnostics)
	resp.Diagnostics.Append(recordManaged(ctx, resp.Private, r.configuredClearables(config))...)
	g, err := backend.CreateGroup(ctx, spec)
	if g.ID != "" {
		// Saved even when a later step failed, so the object is tracked (and replaced) rather than orphaned.
		state := r.toState(ctx, g, plan, false, &resp.Diagnostics)
		resp.Diagnostics.Append(groupSplit().set(ctx, &resp.State.Raw, &state)...)
	}
	if err != nil {
		if g.ID == "" { // not in state: say how to take the object over if it exists
			err = withImportHint(ctx, err, existing{typeName: "roster_user_group", what: "user group", keyName: "name", keyValue: spec.Name,
				lookup: func(ctx context.Context) (string, error) {
					found, err := backend.FindGroupByName(ctx, spec.Name)
					return found.ID, err
				}})
		}
		addPlatformError(&resp.Diagnostics, "Cannot create user group", err)
	}
}

func (r *userGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	backend := r.data.groups(&resp.Diagnostics)
	var prior userGroupModel
	resp.Diagnostics.Append(groupSplit().get(ctx, req.State.Raw, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	g, err := backend.ReadGroup(ctx, prior.ID.ValueString())
	if platform.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if k, ok := backend.(platform.PendingMemberKeeper); ok && err == nil && !prior.Members.IsNull() {
		g, err = k.KeepPendingMembers(ctx, g, optionalStrings(prior.Members))
	}
	imported := wasImported(ctx, req.Private)
	if d, ok := backend.(platform.GroupDetailReader); ok && err == nil &&
		(imported || d.HoldsGroupDetails(extraFromConfig(ctx, r.data, groupPlatformAttrs(), prior.Platforms, &resp.Diagnostics))) {
		g, err = d.ReadGroupDetails(ctx, g, imported)
	}
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot read user group", err)
		return
	}
	state := r.toState(ctx, g, prior, imported, &resp.Diagnostics)
	resp.Diagnostics.Append(groupSplit().set(ctx, &resp.State.Raw, &state)...)
	if imported {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
	}
}

func (r *userGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	backend := r.data.groups(&resp.Diagnostics)
	var plan, config, prior userGroupModel
	resp.Diagnostics.Append(groupSplit().get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(groupSplit().get(ctx, req.Config.Raw, &config)...)
	resp.Diagnostics.Append(groupSplit().get(ctx, req.State.Raw, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	configured := r.configuredClearables(config)
	r.withClears(ctx, managedFrom(ctx, req.Private), &config, &resp.Diagnostics)
	g, err := backend.UpdateGroup(ctx, prior.ID.ValueString(), r.spec(ctx, plan, config, &resp.Diagnostics))
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot update user group", err)
		return
	}
	state := r.toState(ctx, g, plan, false, &resp.Diagnostics)
	resp.Diagnostics.Append(groupSplit().set(ctx, &resp.State.Raw, &state)...)
	resp.Diagnostics.Append(recordManaged(ctx, resp.Private, configured)...)
}

// configuredClearables lists what the configuration sets among the attributes its removal clears. members
// is not one of them: omitted, it is unmanaged by contract, for roster_user_group_membership.
func (r *userGroupResource) configuredClearables(config userGroupModel) []string {
	names := configuredClearables(r.data, groupPlatformAttrs(), config.Platforms)
	if !config.Description.IsNull() {
		names = append(names, "description")
	}
	return names
}

// withClears sets, in the configuration, the cleared value of each attribute it dropped since the last apply.
func (r *userGroupResource) withClears(ctx context.Context, managed managedAttrs, config *userGroupModel, diags *diag.Diagnostics) {
	if managed["description"] && config.Description.IsNull() {
		config.Description = types.StringValue("")
	}
	clearRemoved(ctx, r.data, groupPlatformAttrs(), managed, config.Platforms, config.Platforms, diags)
}

func (r *userGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	backend := r.data.groups(&resp.Diagnostics)
	var prior userGroupModel
	resp.Diagnostics.Append(groupSplit().get(ctx, req.State.Raw, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, prior.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if err := backend.DeleteGroup(ctx, prior.ID.ValueString()); err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot delete user group", err)
	}
}

// ImportState accepts the platform's id or name=<group name>.
func (r *userGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	if name, ok := naturalKey(req.ID, "name"); ok {
		backend := r.data.groups(&resp.Diagnostics)
		if backend == nil {
			return
		}
		g, err := backend.FindGroupByName(ctx, name)
		if err != nil {
			addPlatformError(&resp.Diagnostics, "Cannot import user group", err)
			return
		}
		id = g.ID
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, importedMarker)...)
}
