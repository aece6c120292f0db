package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// requireReplacements plans a replacement when an attribute the platform cannot change in place changes
// (the capability table's ReplaceOnChange), so the plan says "must be replaced" instead of an update that
// the API would ignore or refuse.
func requireReplacements(ctx context.Context, d *providerData, kind platform.Kind, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	for _, field := range d.capabilities.ReplaceOnChange[kind] {
		p, ok := fieldPath(field)
		if !ok {
			continue
		}
		var planned, prior attr.Value
		if diags := req.Plan.GetAttribute(ctx, p, &planned); diags.HasError() {
			continue
		}
		if diags := req.State.GetAttribute(ctx, p, &prior); diags.HasError() {
			continue
		}
		if planned == nil || prior == nil || planned.IsUnknown() || planned.Equal(prior) {
			continue
		}
		resp.RequiresReplace.Append(p)
	}
}

// rejectCreateOnlyChanges fails the plan when an attribute the platform accepts only on create changes
// on an existing resource (the capability table's CreateOnly).
func rejectCreateOnlyChanges(ctx context.Context, d *providerData, kind platform.Kind, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	for f, reason := range d.capabilities.CreateOnly {
		if f.Kind != kind {
			continue
		}
		p, ok := fieldPath(f.Field)
		if !ok {
			continue
		}
		var planned, prior attr.Value
		if req.Plan.GetAttribute(ctx, p, &planned).HasError() || req.State.GetAttribute(ctx, p, &prior).HasError() {
			continue
		}
		if planned == nil || prior == nil || planned.Equal(prior) {
			continue
		}
		resp.Diagnostics.AddAttributeError(p, p.String()+" cannot change on "+d.platform.DisplayName(), reason+".")
	}
}
