package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var (
	_ resource.ResourceWithConfigure   = (*apiKeyResource)(nil)
	_ resource.ResourceWithImportState = (*apiKeyResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*apiKeyResource)(nil)
)

type apiKeyResource struct{ resourceBase }

func newAPIKeyResource() resource.Resource { return &apiKeyResource{} }

func (r *apiKeyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_api_key"
}

func (r *apiKeyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	// Last, on the final plan, and also when the configuration changes nothing.
	defer planExpiredKeyReplacement(ctx, r.data, req, resp)
	managed := managedFrom(ctx, req.Private)
	if planChangesNothing(req) && !managed.removedFromConfig(req.Config.Raw) {
		return
	}
	checkExpiryNotPast(ctx, req, &resp.Diagnostics)
	if !r.planChecksApply() || resp.Diagnostics.HasError() {
		return
	}
	var config, plan apiKeyModel
	resp.Diagnostics.Append(apiKeySplit().get(ctx, req.Config.Raw, &config)...)
	resp.Diagnostics.Append(apiKeySplit().get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkForeignAttributes(r.data, apiKeyPlatformAttrs(), config.Platforms, &resp.Diagnostics)
	checkCapabilities(r.data, platform.KindAPIKey, map[string]bool{
		"user_id":     setAndChanged(ctx, req.Config, req.State, "user_id"),
		"description": setAndChanged(ctx, req.Config, req.State, "description"),
		"expires_at":  setAndChanged(ctx, req.Config, req.State, "expires_at"),
	}, &resp.Diagnostics)
	if v, ok := specValidator[platform.APIKeyValidator](r.data); ok && !resp.Diagnostics.HasError() {
		addFieldErrors(ctx, &resp.Diagnostics, r.data, req.Config, req.State, v.ValidateAPIKey(r.spec(ctx, plan, config, &resp.Diagnostics)))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	// A description dropped from the configuration is cleared (managed_attrs.go); the spec sends the plan's.
	cleared := managed["description"] && config.Description.IsNull() && plan.Description.ValueString() != ""
	if cleared {
		plan.Description = types.StringValue("")
		// The framework marks unset computed values unknown only when the plan it made changes something;
		// this change is made here, so the server-picked expiry is marked the same way.
		if config.ExpiresAt.IsNull() {
			plan.ExpiresAt = instant{RFC3339: timetypes.NewRFC3339Unknown()}
		}
	}
	if nullForeignAttributes(r.data, apiKeyPlatformAttrs(), plan.Platforms) || cleared {
		resp.Diagnostics.Append(apiKeySplit().set(ctx, &resp.Plan.Raw, &plan)...)
	}
	requireReplacements(ctx, r.data, platform.KindAPIKey, req, resp)
	rejectCreateOnlyChanges(ctx, r.data, platform.KindAPIKey, req, resp)
}

func (r *apiKeyResource) spec(ctx context.Context, plan, config apiKeyModel, diags *diag.Diagnostics) platform.APIKeySpec {
	spec := platform.APIKeySpec{
		Name:        plan.Name.ValueString(),
		UserID:      plan.UserID.ValueString(),
		Description: plan.Description.ValueString(),
		Extra:       extraFromConfig(ctx, r.data, apiKeyPlatformAttrs(), config.Platforms, diags),
	}
	if !config.ExpiresAt.IsNull() && !config.ExpiresAt.IsUnknown() {
		if t, d := config.ExpiresAt.ValueRFC3339Time(); !d.HasError() {
			spec.ExpiresAt = &t
		}
	}
	return spec
}

func (r *apiKeyResource) toState(ctx context.Context, k platform.APIKey, prior apiKeyModel, diags *diag.Diagnostics) apiKeyModel {
	out := prior
	out.ID = types.StringValue(k.ID)
	// Some platforms store no name (Tyk AI Studio keys belong to a user): keep the configured one.
	if k.Name != "" || out.Name.IsNull() || out.Name.IsUnknown() {
		out.Name = types.StringValue(k.Name)
	}
	out.UserID = types.StringValue(k.UserID)
	out.Description = types.StringValue(k.Description)
	// The server's UTC spelling; the framework keeps the configured or stored one when it names the same
	// instant (instantType's semantic equality).
	out.ExpiresAt = newInstantNull()
	if k.ExpiresAt != nil {
		out.ExpiresAt = newInstantValue(*k.ExpiresAt)
	}
	// The secret comes with a create, and with a refresh only where the platform shows the current one
	// (platform.APIKeyRefresher); otherwise Read never overwrites it.
	if k.Secret != "" {
		out.Key = types.StringValue(k.Secret)
	} else if out.Key.IsUnknown() {
		out.Key = types.StringNull()
	}
	out.Platforms = platformObjectsFrom(ctx, r.data, apiKeyPlatformAttrs(), k.Extra, out.Platforms, diags)
	return out
}

func (r *apiKeyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	backend := r.data.apiKeys(&resp.Diagnostics)
	var plan, config apiKeyModel
	resp.Diagnostics.Append(apiKeySplit().get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(apiKeySplit().get(ctx, req.Config.Raw, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	spec := r.spec(ctx, plan, config, &resp.Diagnostics)
	resp.Diagnostics.Append(recordManaged(ctx, resp.Private, configuredAPIKeyClearables(config))...)
	k, err := backend.CreateAPIKey(ctx, spec)
	if k.ID != "" {
		state := r.toState(ctx, k, plan, &resp.Diagnostics)
		resp.Diagnostics.Append(apiKeySplit().set(ctx, &resp.State.Raw, &state)...)
	}
	if err != nil {
		// Not in state and refused as a duplicate: say how to take the existing key over. A key that may have
		// been created is not worth importing: its secret cannot be read again.
		if k.ID == "" && !platform.IsAmbiguous(err) {
			err = withImportHint(ctx, err, existing{typeName: "roster_api_key", what: "API key", keyName: "name", keyValue: spec.Name,
				lookup: func(ctx context.Context) (string, error) {
					found, err := backend.FindAPIKeyByName(ctx, spec.Name)
					return found.ID, err
				}})
		}
		addPlatformError(&resp.Diagnostics, "Cannot create API key", err)
	}
}

func (r *apiKeyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	backend := r.data.apiKeys(&resp.Diagnostics)
	var prior apiKeyModel
	resp.Diagnostics.Append(apiKeySplit().get(ctx, req.State.Raw, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	k, refreshed, err := readAPIKeyForRefresh(ctx, backend, prior.ID.ValueString())
	if platform.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot read API key", err)
		return
	}
	if refreshed {
		warnRotatedKey(prior.ID.ValueString(), prior.Key.ValueString(), k, &resp.Diagnostics)
		state := r.toState(ctx, k, prior, &resp.Diagnostics)
		resp.Diagnostics.Append(apiKeySplit().set(ctx, &resp.State.Raw, &state)...)
		return
	}
	// Platforms that show the current secret (Tyk AI Studio) reveal a roll made outside Terraform: the key in
	// state no longer works, so the resource is gone and the next plan creates (rolls) a new one.
	if known := prior.Key.ValueString(); k.Secret != "" && known != "" && k.Secret != known {
		resp.Diagnostics.AddWarning("API key rotated outside Terraform",
			fmt.Sprintf("The key %q was replaced on the platform since Terraform created it; the next apply creates a new one.", prior.ID.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	k.Secret = ""
	state := r.toState(ctx, k, prior, &resp.Diagnostics)
	resp.Diagnostics.Append(apiKeySplit().set(ctx, &resp.State.Raw, &state)...)
}

func (r *apiKeyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	backend := r.data.apiKeys(&resp.Diagnostics)
	var plan, config, prior apiKeyModel
	resp.Diagnostics.Append(apiKeySplit().get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(apiKeySplit().get(ctx, req.Config.Raw, &config)...)
	resp.Diagnostics.Append(apiKeySplit().get(ctx, req.State.Raw, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	k, err := backend.UpdateAPIKey(ctx, prior.ID.ValueString(), r.spec(ctx, plan, config, &resp.Diagnostics))
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot update API key", err)
		return
	}
	plan.Key = prior.Key
	state := r.toState(ctx, k, plan, &resp.Diagnostics)
	resp.Diagnostics.Append(apiKeySplit().set(ctx, &resp.State.Raw, &state)...)
	resp.Diagnostics.Append(recordManaged(ctx, resp.Private, configuredAPIKeyClearables(config))...)
}

// configuredAPIKeyClearables lists what the configuration sets among the attributes its removal clears: the
// description. A key's nested attributes are not: they say what the key is (its intent, role, groups, type,
// scope) rather than hold an optional extra, so dropping one keeps what the platform has.
func configuredAPIKeyClearables(config apiKeyModel) []string {
	if config.Description.IsNull() {
		return nil
	}
	return []string{"description"}
}

func (r *apiKeyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	backend := r.data.apiKeys(&resp.Diagnostics)
	var prior apiKeyModel
	resp.Diagnostics.Append(apiKeySplit().get(ctx, req.State.Raw, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := backend.DeleteAPIKey(ctx, prior.ID.ValueString()); err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot delete API key", err)
	}
}

// ImportState accepts the platform's id or name=<key name>. Most platforms show the secret only once, so `key`
// stays empty for an imported key; where refresh reads the current secret (APIKeyRefresher), it fills it.
func (r *apiKeyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	if name, ok := naturalKey(req.ID, "name"); ok {
		backend := r.data.apiKeys(&resp.Diagnostics)
		if backend == nil {
			return
		}
		k, err := backend.FindAPIKeyByName(ctx, name)
		if err != nil {
			addPlatformError(&resp.Diagnostics, "Cannot import API key", err)
			return
		}
		id = k.ID
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}
