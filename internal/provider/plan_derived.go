package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// keepStateExceptDerived plans a platform object that the configuration leaves out as its stored value, as
// UseStateForUnknown does, except the inner attributes the platform derives from other changes: when the
// resource changes (the framework then plans the object as unknown), those are planned as unknown and the
// rest keep their stored values, so that the plan still shows each of them (a cleared list, an unchanged id).
type keepStateExceptDerived struct {
	derived []string
}

func (m keepStateExceptDerived) Description(context.Context) string {
	return "Keeps the stored value when the configuration leaves the object out, but for attributes the platform derives."
}

func (m keepStateExceptDerived) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m keepStateExceptDerived) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() || !req.ConfigValue.IsNull() {
		return
	}
	attrTypes := req.StateValue.AttributeTypes(ctx)
	values := maps.Clone(req.StateValue.Attributes())
	for _, name := range m.derived {
		values[name] = unknownOf(ctx, attrTypes[name], &resp.Diagnostics)
	}
	obj, diags := types.ObjectValue(attrTypes, values)
	resp.Diagnostics.Append(diags...)
	resp.PlanValue = obj
}

// unknownOf is the unknown value of any attribute type.
func unknownOf(ctx context.Context, t attr.Type, diags *diag.Diagnostics) attr.Value {
	v, err := t.ValueFromTerraform(ctx, tftypes.NewValue(t.TerraformType(ctx), tftypes.UnknownValue))
	if err != nil {
		diags.AddError("Cannot plan a derived attribute", err.Error())
	}
	return v
}
