package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// dataSourceBase holds what every roster data source shares.
type dataSourceBase struct {
	data *providerData
}

func (d *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := providerDataFrom(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.data = pd
	}
}

// dataSourcePlatformSchemas renders the resources' per-platform nested attributes as computed data source
// attributes, so both always show the same fields, described alike.
func dataSourcePlatformSchemas(attrs []platformAttr) map[string]dschema.Attribute {
	out := make(map[string]dschema.Attribute, len(attrs))
	for _, a := range attrs {
		inner := make(map[string]dschema.Attribute, len(a.attrTypes))
		for name, t := range a.attrTypes {
			inner[name] = computedAttribute(t, a.attributes[name].GetMarkdownDescription())
		}
		out[a.name()] = dschema.SingleNestedAttribute{
			MarkdownDescription: a.description + " Null unless the provider's `platform` is `" + a.name() + "`.",
			Computed:            true,
			Attributes:          inner,
		}
	}
	return out
}

func computedAttribute(t attr.Type, description string) dschema.Attribute {
	switch t := t.(type) {
	case jsontypes.NormalizedType:
		return dschema.StringAttribute{Computed: true, CustomType: t, MarkdownDescription: description}
	case timetypes.RFC3339Type:
		return dschema.StringAttribute{Computed: true, CustomType: t, MarkdownDescription: description}
	case types.SetType:
		return dschema.SetAttribute{Computed: true, ElementType: t.ElemType, MarkdownDescription: description}
	case types.ListType:
		return dschema.ListAttribute{Computed: true, ElementType: t.ElemType, MarkdownDescription: description}
	case types.MapType:
		return dschema.MapAttribute{Computed: true, ElementType: t.ElemType, MarkdownDescription: description}
	}
	switch t {
	case types.BoolType:
		return dschema.BoolAttribute{Computed: true, MarkdownDescription: description}
	case types.Int64Type:
		return dschema.Int64Attribute{Computed: true, MarkdownDescription: description}
	case types.StringType:
		return dschema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	panic(fmt.Sprintf("computedAttribute: no data source attribute for %T", t))
}
