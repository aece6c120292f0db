package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// checkExpiryNotPast refuses an expires_at in the past for a key about to be created (a new key, or the new
// half of a replacement, which Terraform plans as a create) or given a new expiry: such a key would be born
// expired. An expires_at that was in the future when it was applied and has passed since is different: the
// key exists, and failing every later plan would block unrelated changes and even the rotation that fixes
// it, so an unchanged instant in state is never an error.
func checkExpiryNotPast(ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) {
	var configured, stored instant
	if req.Config.GetAttribute(ctx, path.Root("expires_at"), &configured).HasError() ||
		configured.IsNull() || configured.IsUnknown() {
		return
	}
	if !req.State.Raw.IsNull() && !req.State.GetAttribute(ctx, path.Root("expires_at"), &stored).HasError() &&
		configured.sameInstant(stored) {
		return
	}
	at, err := time.Parse(time.RFC3339, configured.ValueString())
	if err != nil {
		return // the type's own validation reports it
	}
	if now := time.Now(); at.Before(now) {
		diags.AddAttributeError(path.Root("expires_at"), "expires_at is in the past",
			fmt.Sprintf("expires_at = %q has passed (it is now %s): the key would be expired from the start. "+
				"Choose a time in the future.", configured.ValueString(), now.UTC().Format(time.RFC3339)))
	}
}
