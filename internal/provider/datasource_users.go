package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var _ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)

type usersDataSource struct{ dataSourceBase }

func newUsersDataSource() datasource.DataSource { return &usersDataSource{} }

type usersModel struct {
	Email      types.String `tfsdk:"email"`
	EmailRegex types.String `tfsdk:"email_regex"`
	NameRegex  types.String `tfsdk:"name_regex"`
	Active     types.Bool   `tfsdk:"active"`
	GroupID    types.String `tfsdk:"group_id"`
	Role       types.String `tfsdk:"role"`
	Username   types.String `tfsdk:"username"`
	Users      types.List   `tfsdk:"users"`
}

// userItems are the items of `users`.
var userItems = listItems{
	common: map[string]dschema.Attribute{
		"id":              dschema.StringAttribute{Computed: true, MarkdownDescription: "The user's id."},
		"email":           dschema.StringAttribute{Computed: true, MarkdownDescription: "The email address."},
		"name":            dschema.StringAttribute{Computed: true, MarkdownDescription: "The display name."},
		"role":            dschema.StringAttribute{Computed: true, MarkdownDescription: "The role, where the platform has one."},
		"active":          dschema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user can sign in."},
		"service_account": dschema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user is a service account, not a person."},
	},
	attrs: userPlatformAttrs,
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Lists users, following every page, optionally filtered. Every filter given must match. " +
			"Filters the platform's API supports are applied by the server (authentik: group, username, `active`); " +
			"the others after reading the whole list.",
		Attributes: map[string]dschema.Attribute{
			"email":       dschema.StringAttribute{MarkdownDescription: "Only the user with this email address (case-insensitive).", Optional: true, Validators: nonEmpty},
			"email_regex": dschema.StringAttribute{MarkdownDescription: "Only users whose email matches this RE2 regular expression.", Optional: true, Validators: []validator.String{regexValidator{}}},
			"name_regex":  dschema.StringAttribute{MarkdownDescription: "Only users whose display name matches this RE2 regular expression.", Optional: true, Validators: []validator.String{regexValidator{}}},
			"active":      dschema.BoolAttribute{MarkdownDescription: "Only active (`true`) or inactive (`false`) users.", Optional: true},
			"group_id": dschema.StringAttribute{
				MarkdownDescription: "Only the direct members of the group with this id. A group that does not exist is an error.",
				Optional:            true, Validators: nonEmpty,
			},
			"role": dschema.StringAttribute{
				MarkdownDescription: "Only users with this role (case-insensitive), on platforms whose users have one (see the capability table).",
				Optional:            true, Validators: nonEmpty,
			},
			"username": dschema.StringAttribute{
				MarkdownDescription: "Only the user with this username (exact), on platforms whose users have one apart from " +
					"their email: the `username` of the platform's nested attribute (`authentik.username`, `unleash.username`).",
				Optional: true, Validators: nonEmpty,
			},
			"users": userItems.attribute("The matching users, ordered by email (then id)."),
		},
	}
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg usersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d.checkFilters(cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	backend := d.data.users(&resp.Diagnostics)
	if backend == nil {
		return
	}
	filter := platform.UserFilter{
		Email:    cfg.Email.ValueString(),
		GroupID:  cfg.GroupID.ValueString(),
		Role:     cfg.Role.ValueString(),
		Username: cfg.Username.ValueString(),
	}
	if !cfg.Active.IsNull() {
		active := cfg.Active.ValueBool()
		filter.Active = &active
	}
	users, err := backend.ListUsers(ctx, filter)
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot list users", err)
		return
	}
	sortUsers(users)
	emailRe, nameRe := compileOptional(cfg.EmailRegex), compileOptional(cfg.NameRegex)
	itemType := userItems.itemType()
	items := []attr.Value{}
	for _, u := range users {
		if (emailRe != nil && !emailRe.MatchString(u.Email)) || (nameRe != nil && !nameRe.MatchString(u.Name)) {
			continue
		}
		m := d.data.userData(ctx, u, &resp.Diagnostics)
		common := map[string]attr.Value{"id": m.ID, "email": m.Email, "name": m.Name, "role": m.Role, "active": m.Active, "service_account": m.ServiceAccount}
		items = append(items, userItems.item(ctx, d.data, itemType, common, u.Extra, &resp.Diagnostics))
	}
	cfg.Users = userItems.list(itemType, items, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// checkFilters rejects, before any request, a filter on what the provider's platform does not have.
func (d *usersDataSource) checkFilters(cfg usersModel, diags *diag.Diagnostics) {
	if d.data == nil {
		return // users() says the provider is not configured
	}
	var unsupported *platform.UnsupportedError
	roles := d.data.capabilities.Check(platform.Feature{Kind: platform.KindUser, Field: platform.FieldRole})
	if !cfg.Role.IsNull() && errors.As(roles, &unsupported) {
		diags.AddAttributeError(path.Root("role"), "Filter not supported on "+d.data.platform.DisplayName(), unsupported.Describe(attributeName))
	}
	if !cfg.Username.IsNull() && !hasUsername(d.data.platform) {
		diags.AddAttributeError(path.Root("username"), "Filter not supported on "+d.data.platform.DisplayName(),
			fmt.Sprintf("%s users have no username apart from their email address; filter by email instead.", d.data.platform.DisplayName()))
	}
}

// hasUsername reports whether the platform's users have a username: their nested attribute has one.
func hasUsername(p platform.Name) bool {
	for _, a := range userPlatformAttrs() {
		if a.platform == p {
			_, ok := a.attrTypes["username"]
			return ok
		}
	}
	return false
}

func compileOptional(v types.String) *regexp.Regexp {
	if v.ValueString() == "" {
		return nil
	}
	return regexp.MustCompile(v.ValueString()) // validated by regexValidator
}
