package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// addPlatformError reports a failed platform call. Field errors land on their attribute paths so Terraform
// points at the offending line; the full message always names method, path, status and the server's words
// (a value the client refused before any request has no server's words to add).
func addPlatformError(diags *diag.Diagnostics, summary string, err error) {
	var unsupported *platform.UnsupportedError
	if errors.As(err, &unsupported) {
		diags.AddError(summary, unsupported.Describe(attributeName))
		return
	}
	var apiErr *platform.APIError
	asked := errors.As(err, &apiErr)
	fields := platform.FieldErrorsOf(err)
	placed := false
	for _, f := range fields {
		p, ok := fieldPath(f.Field)
		if !ok {
			continue
		}
		detail := f.Message
		if len(p.Steps()) > 1 {
			// Terraform cannot point at a key inside an object value, so the text names it.
			detail = p.String() + ": " + detail
		}
		if asked {
			detail = fmt.Sprintf("%s\n\nThe server answered: %s", detail, err)
		}
		diags.AddAttributeError(p, summary, detail)
		placed = true
	}
	if !placed {
		diags.AddError(summary, err.Error())
	}
}

// checkCapabilities reports, at plan time and with no request, each configured attribute the provider's
// platform cannot store, and the whole type when the platform lacks it.
func checkCapabilities(d *providerData, kind platform.Kind, configured map[string]bool, diags *diag.Diagnostics) {
	if err := d.capabilities.Check(platform.Feature{Kind: kind}); err != nil {
		diags.AddError(fmt.Sprintf("roster_%s is not available on %s", kind, d.platform.DisplayName()), err.Error())
		return
	}
	for attrName, set := range configured {
		if !set {
			continue
		}
		field, ok := fieldOfAttribute(attrName)
		if !ok {
			// A provider bug: an unchecked attribute would let the plan pass what the platform cannot store.
			diags.AddError("Internal error", fmt.Sprintf("roster_%s.%s has no platform field to check", kind, attrName))
			continue
		}
		var unsupported *platform.UnsupportedError
		if err := d.capabilities.CheckSettable(platform.Feature{Kind: kind, Field: field}); errors.As(err, &unsupported) {
			diags.AddAttributeError(path.Root(attrName), "Attribute not supported on "+d.platform.DisplayName(), unsupported.Describe(attributeName))
		}
	}
}

// supports reports whether the provider's platform can store the field.
func (d *providerData) supports(kind platform.Kind, field platform.Field) bool {
	return d.capabilities.Check(platform.Feature{Kind: kind, Field: field}) == nil
}

// addFieldErrors reports a validator's findings on their attribute paths. A finding is dropped when the
// attribute's configured value is not known yet (the validator saw a placeholder) or when it equals the
// value in state (the configuration asks for nothing new: for example a configuration that
// -generate-config-out wrote from an imported object).
func addFieldErrors(ctx context.Context, diags *diag.Diagnostics, d *providerData, config tfsdk.Config, state tfsdk.State, fields []platform.FieldError) {
	for _, f := range fields {
		summary := "Invalid value for " + d.platform.DisplayName()
		p, ok := fieldPath(f.Field)
		if !ok {
			diags.AddError(summary, f.Message)
			continue
		}
		var v attr.Value
		if getDiags := config.GetAttribute(ctx, p, &v); !getDiags.HasError() && v != nil && v.IsUnknown() {
			continue
		}
		if unchangedFromState(ctx, config, state, p) {
			continue
		}
		// The path is repeated in the text: Terraform cannot point at a key inside an object value.
		diags.AddAttributeError(p, summary, p.String()+": "+f.Message)
	}
}

// unchangedFromState reports whether the configured value at p equals the stored one.
func unchangedFromState(ctx context.Context, config tfsdk.Config, state tfsdk.State, p path.Path) bool {
	if state.Raw.IsNull() {
		return false
	}
	var configured, stored attr.Value
	if config.GetAttribute(ctx, p, &configured).HasError() || state.GetAttribute(ctx, p, &stored).HasError() {
		return false
	}
	return configured != nil && stored != nil && configured.Equal(stored)
}

// setAndChanged reports whether the configuration sets the attribute to something other than what the state
// holds, the condition under which an unsupported attribute is an error.
func setAndChanged(ctx context.Context, config tfsdk.Config, state tfsdk.State, name string) bool {
	var configured attr.Value
	if config.GetAttribute(ctx, path.Root(name), &configured).HasError() || configured == nil || configured.IsNull() {
		return false
	}
	return !unchangedFromState(ctx, config, state, path.Root(name))
}

// specValidator returns the backend's plan-time validator of one type (platform.UserValidator, ...), if the
// platform has one.
func specValidator[T any](d *providerData) (T, bool) {
	var zero T
	if d == nil || d.backend == nil {
		return zero, false
	}
	v, ok := d.backend.(T)
	return v, ok
}
