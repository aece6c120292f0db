package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// listItems is the computed list of a list data source whose items carry, beside their common attributes,
// every platform's nested attribute (null but for the provider's platform), as the single-object data
// sources do.
type listItems struct {
	common map[string]dschema.Attribute
	// attrs are the platforms' nested attributes of the listed type.
	attrs func() []platformAttr
}

// attribute is the list's schema.
func (l listItems) attribute(description string) dschema.ListNestedAttribute {
	inner := dataSourcePlatformSchemas(l.attrs())
	for name, a := range l.common {
		inner[name] = a
	}
	return dschema.ListNestedAttribute{
		MarkdownDescription: description,
		Computed:            true,
		NestedObject:        dschema.NestedAttributeObject{Attributes: inner},
	}
}

// itemType is the type of one item.
func (l listItems) itemType() types.ObjectType {
	t := make(map[string]attr.Type, len(l.common)+len(l.attrs()))
	for name, a := range l.common {
		t[name] = a.GetType()
	}
	for _, a := range l.attrs() {
		t[a.name()] = types.ObjectType{AttrTypes: a.attrTypes}
	}
	return types.ObjectType{AttrTypes: t}
}

// item renders one object: its common values and the platform's nested attribute from extra.
func (l listItems) item(ctx context.Context, pd *providerData, t types.ObjectType, common map[string]attr.Value, extra platform.Extra, diags *diag.Diagnostics) attr.Value {
	values := make(map[string]attr.Value, len(t.AttrTypes))
	for name, v := range common {
		values[name] = v
	}
	objects := platformObjectsFrom(ctx, pd, l.attrs(), extra, nil, diags)
	for _, a := range l.attrs() {
		obj, ok := objects[a.platform]
		if !ok {
			obj = a.nullObject()
		}
		values[a.name()] = obj
	}
	v, d := types.ObjectValue(t.AttrTypes, values)
	diags.Append(d...)
	return v
}

// list wraps the rendered items.
func (l listItems) list(t types.ObjectType, items []attr.Value, diags *diag.Diagnostics) types.List {
	v, d := types.ListValue(t, items)
	diags.Append(d...)
	return v
}
