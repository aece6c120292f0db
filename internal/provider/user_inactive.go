package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A user deactivated outside Terraform on a platform whose API cannot set `active` (Secoda: a member
// deactivated in its UI). Planning active = true could never be applied, and forgetting the user would
// re-invite an address the platform still holds. So the user stays in state, `active` is planned unknown
// (the plan is not empty: a drift run exits 2), a warning names the user and what to do, and the apply
// writes nothing that the plan does not otherwise change.

// planInactiveDrift plans `active` unknown and warns when the stored user is inactive, the configuration
// leaves `active` to its default (true) and the platform cannot set it. (A configured `active = true` must be
// planned as written, and the capability check refuses it.) It reports whether it did, so that the caller
// writes the plan back.
func (r *userResource) planInactiveDrift(ctx context.Context, req resource.ModifyPlanRequest, plan *userModel, diags *diag.Diagnostics) bool {
	var unsupported *platform.UnsupportedError
	err := r.data.capabilities.CheckSettable(platform.Feature{Kind: platform.KindUser, Field: platform.FieldActive})
	if req.State.Raw.IsNull() || !errors.As(err, &unsupported) || !plan.Active.ValueBool() {
		return false
	}
	var configured, stored types.Bool
	if req.Config.GetAttribute(ctx, path.Root("active"), &configured).HasError() || !configured.IsNull() ||
		req.State.GetAttribute(ctx, path.Root("active"), &stored).HasError() || stored.IsNull() || stored.IsUnknown() || stored.ValueBool() {
		return false
	}
	var email foldedString
	var id types.String
	diags.Append(req.State.GetAttribute(ctx, path.Root("email"), &email)...)
	diags.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	plan.Active = types.BoolUnknown()
	platformName := r.data.platform.DisplayName()
	diags.AddAttributeWarning(path.Root("active"), "User deactivated outside Terraform",
		fmt.Sprintf("%s (id %s) is deactivated on %s, and %s cannot be set there: %s.\n\n"+
			"Terraform keeps the user in state and plans `active` as unknown, so every plan shows this until it is resolved; "+
			"an apply changes nothing about it and reads the user back. Re-activate the user in %s, set `active = false` to "+
			"keep them deactivated, or remove the resource (which deletes the user; a `removed` block with `destroy = false` "+
			"only forgets them).",
			email.ValueString(), id.ValueString(), platformName, unsupported.Feature.Describe(attributeName), unsupported.Reason, platformName))
	return true
}

// changesOnlyInactiveDrift reports an update whose plan differs from the state only by the `active` that
// planInactiveDrift planned unknown: there is nothing to write, only the user to read back.
func changesOnlyInactiveDrift(ctx context.Context, req resource.UpdateRequest) bool {
	var planned, stored types.Bool
	if req.Plan.GetAttribute(ctx, path.Root("active"), &planned).HasError() || !planned.IsUnknown() ||
		req.State.GetAttribute(ctx, path.Root("active"), &stored).HasError() {
		return false
	}
	rest := req.Plan // a copy: SetAttribute replaces its Raw, not req.Plan's
	return !rest.SetAttribute(ctx, path.Root("active"), stored).HasError() && rest.Raw.Equal(req.State.Raw)
}
