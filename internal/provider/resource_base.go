package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// resourceBase holds what every roster resource shares: the provider's data from Configure.
type resourceBase struct {
	data *providerData
}

func (r *resourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerDataFrom(req.ProviderData, &resp.Diagnostics); d != nil {
		r.data = d
	}
}

// planChecksApply reports whether plan-time platform checks can run: the provider knows its platform.
func (r *resourceBase) planChecksApply() bool {
	return r.data != nil && r.data.platform != ""
}

// planChangesNothing reports a plan of an existing object that changes nothing. The platform checks in
// ModifyPlan only judge what a configuration changes, so they all pass then; skipping them matters because
// ModifyPlan runs for every object on every plan.
func planChangesNothing(req resource.ModifyPlanRequest) bool {
	return !req.State.Raw.IsNull() && !req.Plan.Raw.IsNull() && req.Plan.Raw.Equal(req.State.Raw)
}

// privateImported marks state written by ImportState, so the first Read fills attributes that a normal
// Read only refreshes when they are managed (members, description).
const privateImported = "imported"

var importedMarker = []byte(`{"imported":true}`)

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

func wasImported(ctx context.Context, p privateGetter) bool {
	raw, _ := p.GetKey(ctx, privateImported)
	return len(raw) > 0 && strings.Contains(string(raw), "true")
}

// naturalKey splits an import id of the form key=value; ok is false for a plain id.
func naturalKey(importID, key string) (value string, ok bool) {
	prefix := key + "="
	if strings.HasPrefix(importID, prefix) {
		return strings.TrimPrefix(importID, prefix), true
	}
	return "", false
}
