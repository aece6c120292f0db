package provider

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Removing an attribute from the configuration clears it on the platform when the configuration set it
// before. The framework cannot tell that from the prior state alone (an optional+computed attribute holds the
// server's default just as well as a configured value), so every create and update records in private state
// which clearable attributes its configuration set; the next plan clears those the configuration dropped.
// Imported objects and state written before this bookkeeping have no record: their attributes count as
// unmanaged until an apply writes them.

// privateManaged is the private-state key of that record: a JSON list of attribute paths ("description",
// "authentik.parents").
const privateManaged = "managed"

// managedAttrs is the record, as a set of paths.
type managedAttrs map[string]bool

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// managedFrom reads the record; it is empty for imported objects and older state.
func managedFrom(ctx context.Context, p privateGetter) managedAttrs {
	raw, _ := p.GetKey(ctx, privateManaged)
	var names []string
	if len(raw) == 0 || json.Unmarshal(raw, &names) != nil {
		return nil
	}
	out := make(managedAttrs, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out
}

// recordManaged writes the record of an apply: the clearable attributes its configuration set.
func recordManaged(ctx context.Context, p privateSetter, names []string) diag.Diagnostics {
	if len(names) == 0 {
		return p.SetKey(ctx, privateManaged, nil)
	}
	slices.Sort(names)
	raw, _ := json.Marshal(names)
	return p.SetKey(ctx, privateManaged, raw)
}

// removedFromConfig reports whether the configuration leaves any recorded attribute null. It walks the raw
// configuration so that the common case, nothing removed, costs no conversion on every plan.
func (m managedAttrs) removedFromConfig(config tftypes.Value) bool {
	for name := range m {
		steps := tftypes.NewAttributePath()
		for _, part := range strings.Split(name, ".") {
			steps = steps.WithAttributeName(part)
		}
		v, _, err := tftypes.WalkAttributePath(config, steps)
		if err != nil { // a null parent object
			return true
		}
		if tv, ok := v.(tftypes.Value); !ok || tv.IsNull() {
			return true
		}
	}
	return false
}

// configuredClearables lists the provider platform's clearable nested attributes that the configuration sets
// (unknown counts as set: its value arrives at apply).
func configuredClearables(d *providerData, attrs []platformAttr, config platformObjects) []string {
	var out []string
	for _, a := range attrs {
		obj, ok := config[a.platform]
		if a.platform != d.platform || !ok || obj.IsNull() {
			continue
		}
		values := obj.Attributes()
		for name := range a.cleared {
			if v, ok := values[name]; ok && !v.IsNull() {
				out = append(out, a.name()+"."+name)
			}
		}
	}
	return out
}

// clearRemoved puts the cleared value of each recorded nested attribute that config leaves null into target:
// the plan in ModifyPlan, so the plan shows the clear, and the configuration in Update, so the client sends
// it. target may be config itself. It reports whether it changed target.
func clearRemoved(ctx context.Context, d *providerData, attrs []platformAttr, managed managedAttrs, config, target platformObjects, diags *diag.Diagnostics) (changed bool) {
	for _, a := range attrs {
		if a.platform != d.platform || len(a.cleared) == 0 {
			continue
		}
		cfg, hasCfg := config[a.platform]
		obj, ok := target[a.platform]
		if !ok || obj.IsUnknown() {
			continue
		}
		values := make(map[string]attr.Value, len(a.attrTypes))
		if obj.IsNull() {
			for name, t := range a.attrTypes {
				v, err := t.ValueFromTerraform(ctx, tftypes.NewValue(t.TerraformType(ctx), nil))
				if err != nil {
					diags.AddError("Cannot plan a cleared attribute", err.Error())
					return changed
				}
				values[name] = v
			}
		} else {
			for name, v := range obj.Attributes() {
				values[name] = v
			}
		}
		objChanged := false
		for name, cleared := range a.cleared {
			if !managed[a.name()+"."+name] {
				continue
			}
			if hasCfg && !cfg.IsNull() && !cfg.IsUnknown() && !cfg.Attributes()[name].IsNull() {
				continue
			}
			if values[name].Equal(cleared) {
				continue
			}
			values[name] = cleared
			objChanged = true
		}
		if objChanged {
			next, objDiags := types.ObjectValue(a.attrTypes, values)
			diags.Append(objDiags...)
			target[a.platform] = next
			changed = true
		}
	}
	return changed
}
