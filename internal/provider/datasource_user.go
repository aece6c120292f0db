package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var (
	_ datasource.DataSourceWithConfigure        = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*userDataSource)(nil)
)

type userDataSource struct{ dataSourceBase }

func newUserDataSource() datasource.DataSource { return &userDataSource{} }

// userDataModel is roster_user without the write-only password attributes.
type userDataModel struct {
	ID     types.String `tfsdk:"id"`
	Email  types.String `tfsdk:"email"`
	Name   types.String `tfsdk:"name"`
	Role   types.String `tfsdk:"role"`
	Active types.Bool   `tfsdk:"active"`
	// ServiceAccount tells automation's accounts from people.
	ServiceAccount types.Bool `tfsdk:"service_account"`
	// Platforms are the per-platform nested attributes, read and written by objectSplit.
	Platforms platformObjects `tfsdk:"-"`
}

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]dschema.Attribute{
		"id":              dschema.StringAttribute{MarkdownDescription: "The user's id. Give exactly one of `id` and `email`.", Optional: true, Computed: true},
		"email":           dschema.StringAttribute{MarkdownDescription: "The user's email address, matched case-insensitively.", Optional: true, Computed: true},
		"name":            dschema.StringAttribute{MarkdownDescription: "The display name.", Computed: true},
		"role":            dschema.StringAttribute{MarkdownDescription: "The role, where the platform has one.", Computed: true},
		"active":          dschema.BoolAttribute{MarkdownDescription: "Whether the user can sign in.", Computed: true},
		"service_account": dschema.BoolAttribute{MarkdownDescription: "Whether the user is a service account, not a person.", Computed: true},
	}
	for name, a := range dataSourcePlatformSchemas(userPlatformAttrs()) {
		attrs[name] = a
	}
	resp.Schema = dschema.Schema{MarkdownDescription: "Looks up one user by id or email.", Attributes: attrs}
}

func (d *userDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("email")),
	}
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	backend := d.data.users(&resp.Diagnostics)
	var cfg userDataModel
	resp.Diagnostics.Append(userDataSplit().get(ctx, req.Config.Raw, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var (
		u   platform.User
		err error
	)
	if !cfg.ID.IsNull() {
		u, err = backend.ReadUser(ctx, cfg.ID.ValueString())
	} else {
		u, err = backend.FindUserByEmail(ctx, cfg.Email.ValueString())
	}
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot find user", err)
		return
	}
	state := d.data.userData(ctx, u, &resp.Diagnostics)
	resp.Diagnostics.Append(userDataSplit().set(ctx, &resp.State.Raw, &state)...)
}

// userData renders a user for the data sources.
func (pd *providerData) userData(ctx context.Context, u platform.User, diags *diag.Diagnostics) userDataModel {
	m := userDataModel{
		ID:             types.StringValue(u.ID),
		Email:          types.StringValue(u.Email),
		Name:           types.StringValue(u.Name),
		Role:           types.StringNull(),
		Active:         types.BoolValue(u.Active),
		ServiceAccount: types.BoolValue(u.ServiceAccount),
	}
	if pd.supports(platform.KindUser, platform.FieldRole) {
		m.Role = types.StringValue(u.Role)
	}
	m.Platforms = platformObjectsFrom(ctx, pd, userPlatformAttrs(), u.Extra, m.Platforms, diags)
	return m
}
