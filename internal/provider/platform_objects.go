package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// platformObjects are a model's per-platform nested attributes (`authentik = { ... }`), by platform. Models
// keep them beside their struct fields (`tfsdk:"-"`), so that no model names a platform.
type platformObjects map[platform.Name]types.Object

// objectSplit reads and writes a whole plan, state or configuration whose common attributes go into a model
// struct and whose platform attributes go into platformObjects. It works on the raw value, so the struct is
// converted exactly as tfsdk's Get and Set would, and each platform object once.
type objectSplit struct {
	fullType   tftypes.Type
	commonType tftypes.Type
	// platformTypes are the nested attributes' types, by attribute name.
	platformTypes map[string]attr.Type
	getCommon     func(ctx context.Context, raw tftypes.Value, target any) diag.Diagnostics
	setCommon     func(ctx context.Context, target any) (tftypes.Value, diag.Diagnostics)
}

// resourceSplit splits a resource schema at its platform attributes.
func resourceSplit(full schema.Schema, attrs []platformAttr) *objectSplit {
	common := full
	common.Attributes = withoutPlatforms(full.Attributes, attrs)
	return newObjectSplit(full.Type(), common.Type(), attrs, tfsdk.State{Schema: common})
}

// dataSourceSplit splits a data source schema at its platform attributes.
func dataSourceSplit(full dschema.Schema, attrs []platformAttr) *objectSplit {
	common := full
	common.Attributes = withoutPlatforms(full.Attributes, attrs)
	return newObjectSplit(full.Type(), common.Type(), attrs, tfsdk.State{Schema: common})
}

// withoutPlatforms copies a schema's attributes but the platforms' nested ones.
func withoutPlatforms[A any](all map[string]A, attrs []platformAttr) map[string]A {
	out := make(map[string]A, len(all))
	for name, a := range all {
		out[name] = a
	}
	for _, a := range attrs {
		delete(out, a.name())
	}
	return out
}

// newObjectSplit reads and writes the common attributes through commonState, an empty state of the schema
// without its platform attributes (resource and data source schemas are different types, a state holds either).
func newObjectSplit(full, common attr.Type, attrs []platformAttr, commonState tfsdk.State) *objectSplit {
	ctx := context.Background()
	s := &objectSplit{
		fullType:      full.TerraformType(ctx),
		commonType:    common.TerraformType(ctx),
		platformTypes: map[string]attr.Type{},
		getCommon: func(ctx context.Context, raw tftypes.Value, target any) diag.Diagnostics {
			st := commonState
			st.Raw = raw
			return st.Get(ctx, target)
		},
		setCommon: func(ctx context.Context, target any) (tftypes.Value, diag.Diagnostics) {
			st := commonState
			d := st.Set(ctx, target)
			return st.Raw, d
		},
	}
	for _, a := range attrs {
		s.platformTypes[a.name()] = types.ObjectType{AttrTypes: a.attrTypes}
	}
	return s
}

// platformModel is a model struct with its platform objects beside it.
type platformModel interface {
	platforms() *platformObjects
}

// get reads raw: the common attributes into the model's fields, the platform attributes into its objects.
func (s *objectSplit) get(ctx context.Context, raw tftypes.Value, target platformModel) diag.Diagnostics {
	var diags diag.Diagnostics
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		diags.AddError("Cannot read the object", err.Error())
		return diags
	}
	common := make(map[string]tftypes.Value, len(attrs))
	found := make(platformObjects, len(s.platformTypes))
	for name, v := range attrs {
		t, isPlatform := s.platformTypes[name]
		if !isPlatform {
			common[name] = v
			continue
		}
		value, err := t.ValueFromTerraform(ctx, v)
		obj, isObject := value.(types.Object)
		if err != nil || !isObject {
			diags.AddError("Cannot read "+name, fmt.Sprintf("%T: %v", value, err))
			continue
		}
		found[platform.Name(name)] = obj
	}
	diags.Append(s.getCommon(ctx, tftypes.NewValue(s.commonType, common), target)...)
	// Get replaces the whole struct, objects included: they are stored after it.
	*target.platforms() = found
	return diags
}

// set stores the model in raw; a platform attribute missing from its objects is null.
func (s *objectSplit) set(ctx context.Context, raw *tftypes.Value, target platformModel) diag.Diagnostics {
	common, diags := s.setCommon(ctx, target)
	if diags.HasError() {
		return diags
	}
	var attrs map[string]tftypes.Value
	if err := common.As(&attrs); err != nil {
		diags.AddError("Cannot write the object", err.Error())
		return diags
	}
	objects := *target.platforms()
	for name, t := range s.platformTypes {
		obj, ok := objects[platform.Name(name)]
		if !ok {
			attrs[name] = tftypes.NewValue(t.TerraformType(ctx), nil)
			continue
		}
		v, err := obj.ToTerraformValue(ctx)
		if err != nil {
			diags.AddError(fmt.Sprintf("Cannot write %s", name), err.Error())
			continue
		}
		attrs[name] = v
	}
	if !diags.HasError() {
		*raw = tftypes.NewValue(s.fullType, attrs)
	}
	return diags
}

// resourceSplitOf splits a resource's schema once, when first needed.
func resourceSplitOf(newResource func() resource.Resource, attrs func() []platformAttr) func() *objectSplit {
	return sync.OnceValue(func() *objectSplit {
		var resp resource.SchemaResponse
		newResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
		return resourceSplit(resp.Schema, attrs())
	})
}

// dataSourceSplitOf splits a data source's schema once, when first needed.
func dataSourceSplitOf(newDataSource func() datasource.DataSource, attrs func() []platformAttr) func() *objectSplit {
	return sync.OnceValue(func() *objectSplit {
		var resp datasource.SchemaResponse
		newDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
		return dataSourceSplit(resp.Schema, attrs())
	})
}

var (
	userSplit      = resourceSplitOf(newUserResource, userPlatformAttrs)
	groupSplit     = resourceSplitOf(newUserGroupResource, groupPlatformAttrs)
	apiKeySplit    = resourceSplitOf(newAPIKeyResource, apiKeyPlatformAttrs)
	userDataSplit  = dataSourceSplitOf(newUserDataSource, userPlatformAttrs)
	groupDataSplit = dataSourceSplitOf(newUserGroupDataSource, groupPlatformAttrs)
)

func (m *userModel) platforms() *platformObjects     { return &m.Platforms }
func (m *userGroupData) platforms() *platformObjects { return &m.Platforms }
func (m *apiKeyModel) platforms() *platformObjects   { return &m.Platforms }
func (m *userDataModel) platforms() *platformObjects { return &m.Platforms }
