package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// providerData is what Configure hands to every resource and data source.
type providerData struct {
	platform     platform.Name
	capabilities platform.Capabilities
	// backend is nil while a provider setting is unknown (it depends on a resource not yet created).
	backend platform.Backend
}

// providerDataFrom unpacks the value the framework passes to Configure; nil means "not configured yet".
func providerDataFrom(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T; please report this bug", raw))
		return nil
	}
	return data
}

// backendOrError returns the configured backend, or adds an error explaining why there is none.
func (d *providerData) backendOrError(diags *diag.Diagnostics) platform.Backend {
	if d == nil || d.backend == nil {
		diags.AddError("Provider not configured",
			"The roster provider has no usable configuration yet: platform, endpoint or token is unknown or missing.")
		return nil
	}
	return d.backend
}

// part returns the configured backend as the part that manages kind, or adds an error: the capability table's
// reason when the platform lacks it (plan-time checks normally stop such a configuration earlier).
func part[T any](d *providerData, kind platform.Kind, diags *diag.Diagnostics) T {
	var zero T
	b := d.backendOrError(diags)
	if b == nil {
		return zero
	}
	if p, ok := b.(T); ok {
		return p
	}
	reason := "the client does not implement it; please report this bug"
	if err := d.capabilities.Check(platform.Feature{Kind: kind}); err != nil {
		reason = err.Error()
	}
	diags.AddError(fmt.Sprintf("roster_%s is not available on %s", kind, d.platform.DisplayName()), reason)
	return zero
}

func (d *providerData) groups(diags *diag.Diagnostics) platform.GroupBackend {
	return part[platform.GroupBackend](d, platform.KindUserGroup, diags)
}

func (d *providerData) users(diags *diag.Diagnostics) platform.UserBackend {
	return part[platform.UserBackend](d, platform.KindUser, diags)
}

func (d *providerData) apiKeys(diags *diag.Diagnostics) platform.APIKeyBackend {
	return part[platform.APIKeyBackend](d, platform.KindAPIKey, diags)
}
