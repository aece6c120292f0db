package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	rosterprovider "github.com/rosterhq/terraform-provider-roster/internal/provider"
	"github.com/rosterhq/terraform-provider-roster/internal/serve"
)

// The plugin floors are the other floors of the N-object runs: terraform-plugin-framework resources that do
// nothing. Each stores what it is given and reads back its state, with no API behind it. The terraform_data
// floor runs inside terraform; every plugin resource also pays for the plugin protocol (gRPC, msgpack, the
// framework's conversions) in terraform and in the provider, and pays more the more attributes its schema has.
//
//   - benchfloor_object (the plugin floor): the five attributes the mix sets. It prices the protocol alone.
//   - benchfloor_user, benchfloor_user_group, benchfloor_api_key (the wide plugin floor): roster's own
//     schemas, bare (no validators, plan modifiers, defaults or custom types). It prices roster's schema shape.
//     Issue 18 judges each platform against its twin on it (twin.go): the platform run's own configuration
//     and state, so what is left is roster's own work (its declarations, its code) and the API's.
//
// Both are served by this program. Terraform starts it under pluginFloorWrapperName (a dev_overrides
// directory of its own, scripts/bench.sh); that process is the usage wrapper, which starts this program again
// with envServePluginFloor set to serve the provider.

const (
	pluginFloorName        = "plugin floor (no-op provider)"
	widePluginFloorName    = "wide plugin floor (no-op, roster's schemas)"
	pluginFloorSource      = "rosterhq/benchfloor"
	pluginFloorType        = "benchfloor"
	pluginFloorWrapperName = "terraform-provider-" + pluginFloorType
	envServePluginFloor    = "ROSTER_BENCH_SERVE_PLUGIN_FLOOR"
)

// servePluginFloor serves the no-op provider the way roster's main serves roster (internal/serve: logs off,
// GOGC 400, request contexts let go of), so the floor is the cheapest a framework provider runs here.
func servePluginFloor() error {
	return serve.Plugin("registry.terraform.io/"+pluginFloorSource, newPluginFloor, false)
}

func newPluginFloor() provider.Provider { return floorProvider{} }

type floorProvider struct{}

func (floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = pluginFloorType
}

func (floorProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (floorProvider) Resources(ctx context.Context) []func() resource.Resource {
	out := []func() resource.Resource{func() resource.Resource {
		return noopResource{name: pluginFloorType + "_object", schema: narrowFloorSchema()}
	}}
	// roster_user -> benchfloor_user, and so on, for the resources the mix uses.
	for _, factory := range rosterprovider.New("bench")().Resources(ctx) {
		r := factory()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "roster"}, &meta)
		if !wideFloorTypes[meta.TypeName] {
			continue
		}
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		kind := strings.TrimPrefix(meta.TypeName, "roster")
		bare := noopResource{name: pluginFloorType + kind, schema: schema.Schema{Version: s.Schema.Version, Attributes: bareAttributes(ctx, s.Schema.Attributes)}}
		out = append(out, func() resource.Resource { return bare })
	}
	return out
}

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// wideFloorTypes are the roster resources of the mix.
var wideFloorTypes = map[string]bool{"roster_user": true, "roster_user_group": true, "roster_api_key": true}

// narrowFloorSchema stands for a user, a group or a key: the attributes the mix's configurations set, and an id.
func narrowFloorSchema() schema.Schema {
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"id":      schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"email":   schema.StringAttribute{Optional: true},
		"name":    schema.StringAttribute{Optional: true},
		"user_id": schema.StringAttribute{Optional: true},
		"members": schema.ListAttribute{Optional: true, ElementType: types.StringType},
	}}
}

// bareAttributes copies a schema's attributes with their types and flags only.
func bareAttributes(ctx context.Context, in map[string]schema.Attribute) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		out[name] = bareAttribute(ctx, a)
	}
	return out
}

func bareAttribute(ctx context.Context, a schema.Attribute) schema.Attribute {
	req, opt, comp, sens, wo := a.IsRequired(), a.IsOptional(), a.IsComputed(), a.IsSensitive(), a.IsWriteOnly()
	switch n := a.(type) {
	case schema.SingleNestedAttribute:
		return schema.SingleNestedAttribute{Attributes: bareAttributes(ctx, n.Attributes), Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.ListNestedAttribute:
		return schema.ListNestedAttribute{NestedObject: schema.NestedAttributeObject{Attributes: bareAttributes(ctx, n.NestedObject.Attributes)},
			Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	}
	switch t := a.GetType().TerraformType(ctx).(type) {
	case tftypes.List:
		return schema.ListAttribute{ElementType: elementType(t.ElementType), Required: req, Optional: opt, Computed: comp, Sensitive: sens, WriteOnly: wo}
	case tftypes.Set:
		return schema.SetAttribute{ElementType: elementType(t.ElementType), Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case tftypes.Map:
		return schema.MapAttribute{ElementType: elementType(t.ElementType), Required: req, Optional: opt, Computed: comp, Sensitive: sens, WriteOnly: wo}
	}
	switch primitiveType(a.GetType().TerraformType(ctx)) {
	case types.BoolType:
		return schema.BoolAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens, WriteOnly: wo}
	case types.NumberType:
		return schema.NumberAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens, WriteOnly: wo}
	}
	return schema.StringAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens, WriteOnly: wo}
}

// elementType is the framework's type of a collection's elements: a primitive, or a collection of them
// (Unleash's project_roles is a map of sets).
func elementType(t tftypes.Type) attr.Type {
	switch c := t.(type) {
	case tftypes.List:
		return types.ListType{ElemType: elementType(c.ElementType)}
	case tftypes.Set:
		return types.SetType{ElemType: elementType(c.ElementType)}
	case tftypes.Map:
		return types.MapType{ElemType: elementType(c.ElementType)}
	}
	return primitiveType(t)
}

// primitiveType is the framework's type of a primitive terraform type; strings stand in for anything else.
func primitiveType(t tftypes.Type) attr.Type {
	switch {
	case t.Is(tftypes.Bool):
		return types.BoolType
	case t.Is(tftypes.Number):
		return types.NumberType
	}
	return types.StringType
}

// noopResource keeps what terraform plans and reads back its state, whatever its schema.
type noopResource struct {
	name   string
	schema schema.Schema
}

// floorIDs numbers objects within one provider process; ids only need to be unique within one apply.
var floorIDs atomic.Int64

func (r noopResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.name
}

func (r noopResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}

func (noopResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	id := strconv.FormatInt(floorIDs.Add(1), 10)
	resp.Diagnostics.Append(setKnown(req.Plan.Raw, &resp.State.Raw, id)...)
}

// Read decodes and re-encodes the state, the least a provider that reads anything does.
func (noopResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state types.Object
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (noopResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var id types.String
	if resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setKnown(req.Plan.Raw, &resp.State.Raw, id.ValueString())...)
}

func (noopResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// setKnown stores the plan with every value the plan left unknown made null, and the id, when given, set.
func setKnown(plan tftypes.Value, state *tftypes.Value, id string) diag.Diagnostics {
	idPath := tftypes.NewAttributePath().WithAttributeName("id")
	known, err := tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		switch {
		case id != "" && p.Equal(idPath):
			return tftypes.NewValue(tftypes.String, id), nil
		case !v.IsKnown():
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		return diag.Diagnostics{diag.NewErrorDiagnostic("plugin floor", fmt.Sprint(err))}
	}
	*state = known
	return nil
}
