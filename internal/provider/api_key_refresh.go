package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// readAPIKeyForRefresh reads a key for Read: with its current secret where the platform can change the secret
// without Terraform and shows it on request (refreshed is then true), else as ReadAPIKey does.
func readAPIKeyForRefresh(ctx context.Context, backend platform.APIKeyBackend, id string) (k platform.APIKey, refreshed bool, err error) {
	if r, ok := backend.(platform.APIKeyRefresher); ok {
		k, err = r.RefreshAPIKey(ctx, id)
		return k, true, err
	}
	k, err = backend.ReadAPIKey(ctx, id)
	return k, false, err
}

// warnRotatedKey says why the key in state changes at refresh: the platform rotated it, the stored one no
// longer works, and whatever uses roster_api_key.key is planned to get the new one.
func warnRotatedKey(id, stored string, k platform.APIKey, diags *diag.Diagnostics) {
	if stored == "" || k.Secret == stored {
		return // an imported key has no secret in state yet: reading it is no news
	}
	diags.AddWarning("API key rotated outside Terraform",
		fmt.Sprintf("The secret of API key %q was replaced on the platform since Terraform last stored it, so the stored key no "+
			"longer works. The state now holds the current key: resources and outputs that use roster_api_key.key are "+
			"planned to get it, and the next apply stores it.", id))
}

// planExpiredKeyReplacement plans the replacement of a key whose expiry, chosen by the platform (expires_at is
// not configured), has passed without the platform rotating it yet: its secret no longer works, and a new key
// gets a new secret and a new expiry. It runs where refresh reads the current secret (APIKeyRefresher). A
// configured expires_at that has passed is left alone, as in checkExpiryNotPast: its replacement would be
// born expired.
func planExpiredKeyReplacement(ctx context.Context, d *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if _, ok := specValidator[platform.APIKeyRefresher](d); !ok || resp.Diagnostics.HasError() ||
		req.State.Raw.IsNull() || resp.Plan.Raw.IsNull() {
		return
	}
	var stored, configured instant
	if req.State.GetAttribute(ctx, path.Root("expires_at"), &stored).HasError() || stored.IsNull() || stored.IsUnknown() ||
		req.Config.GetAttribute(ctx, path.Root("expires_at"), &configured).HasError() || !configured.IsNull() {
		return
	}
	at, err := time.Parse(time.RFC3339, stored.ValueString())
	if err != nil || at.After(time.Now()) {
		return
	}
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("key"), types.StringUnknown())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("expires_at"), instant{RFC3339: timetypes.NewRFC3339Unknown()})...)
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("key"))
	resp.Diagnostics.AddWarning("API key expired",
		fmt.Sprintf("API key %q expired at %s and its secret no longer works; the platform chose that expiry and has not renewed "+
			"the key. This plan replaces it with a new key (a new secret and a new expiry).", id.ValueString(), stored.ValueString()))
}
