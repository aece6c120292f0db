package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var (
	_ datasource.DataSourceWithConfigure        = (*userGroupDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userGroupDataSource)(nil)
)

type userGroupDataSource struct{ dataSourceBase }

func newUserGroupDataSource() datasource.DataSource { return &userGroupDataSource{} }

func (d *userGroupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_group"
}

func (d *userGroupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]dschema.Attribute{
		"id":          dschema.StringAttribute{MarkdownDescription: "The group's id. Give exactly one of `id` and `name`.", Optional: true, Computed: true},
		"name":        dschema.StringAttribute{MarkdownDescription: "The group's exact name.", Optional: true, Computed: true},
		"description": dschema.StringAttribute{MarkdownDescription: "The description, where the platform has one.", Computed: true},
		"members":     dschema.ListAttribute{MarkdownDescription: "User ids of the direct members, sorted.", Computed: true, ElementType: types.StringType},
	}
	for name, a := range dataSourcePlatformSchemas(groupPlatformAttrs()) {
		attrs[name] = a
	}
	resp.Schema = dschema.Schema{MarkdownDescription: "Looks up one user group by id or name.", Attributes: attrs}
}

func (d *userGroupDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

func (d *userGroupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	backend := d.data.groups(&resp.Diagnostics)
	var cfg userGroupData
	resp.Diagnostics.Append(groupDataSplit().get(ctx, req.Config.Raw, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var (
		g   platform.Group
		err error
	)
	if !cfg.ID.IsNull() {
		g, err = backend.ReadGroup(ctx, cfg.ID.ValueString())
	} else {
		g, err = backend.FindGroupByName(ctx, cfg.Name.ValueString())
	}
	if err == nil {
		g, err = groupDetails(ctx, backend, g)
	}
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot find user group", err)
		return
	}
	state := userGroupData{
		ID:          types.StringValue(g.ID),
		Name:        types.StringValue(g.Name),
		Description: types.StringNull(),
		Members:     sortedStringList(g.Members, &resp.Diagnostics),
	}
	if d.data.supports(platform.KindUserGroup, platform.FieldDescription) {
		state.Description = types.StringValue(g.Description)
	}
	state.Platforms = platformObjectsFrom(ctx, d.data, groupPlatformAttrs(), g.Extra, state.Platforms, &resp.Diagnostics)
	resp.Diagnostics.Append(groupDataSplit().set(ctx, &resp.State.Raw, &state)...)
}

// groupDetails reads the group fields that cost requests of their own (platform.GroupDetailReader): a data
// source reports everything it can.
func groupDetails(ctx context.Context, backend platform.GroupBackend, g platform.Group) (platform.Group, error) {
	if d, ok := backend.(platform.GroupDetailReader); ok {
		return d.ReadGroupDetails(ctx, g, nil)
	}
	return g, nil
}
