package provider

import (
	"context"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var _ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)

type usersDataSource struct{ dataSourceBase }

func newUsersDataSource() datasource.DataSource { return &usersDataSource{} }

type usersModel struct {
	Email      types.String  `tfsdk:"email"`
	EmailRegex types.String  `tfsdk:"email_regex"`
	NameRegex  types.String  `tfsdk:"name_regex"`
	Active     types.Bool    `tfsdk:"active"`
	Users      []userSummary `tfsdk:"users"`
}

type userSummary struct {
	ID     types.String `tfsdk:"id"`
	Email  types.String `tfsdk:"email"`
	Name   types.String `tfsdk:"name"`
	Role   types.String `tfsdk:"role"`
	Active types.Bool   `tfsdk:"active"`
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Lists users, following every page, optionally filtered.",
		Attributes: map[string]dschema.Attribute{
			"email":       dschema.StringAttribute{MarkdownDescription: "Only the user with this email address (case-insensitive).", Optional: true},
			"email_regex": dschema.StringAttribute{MarkdownDescription: "Only users whose email matches this RE2 regular expression.", Optional: true, Validators: []validator.String{regexValidator{}}},
			"name_regex":  dschema.StringAttribute{MarkdownDescription: "Only users whose display name matches this RE2 regular expression.", Optional: true, Validators: []validator.String{regexValidator{}}},
			"active":      dschema.BoolAttribute{MarkdownDescription: "Only active (`true`) or inactive (`false`) users.", Optional: true},
			"users": dschema.ListNestedAttribute{
				MarkdownDescription: "The matching users, in the platform's order.",
				Computed:            true,
				NestedObject: dschema.NestedAttributeObject{Attributes: map[string]dschema.Attribute{
					"id":     dschema.StringAttribute{Computed: true, MarkdownDescription: "The user's id."},
					"email":  dschema.StringAttribute{Computed: true, MarkdownDescription: "The email address."},
					"name":   dschema.StringAttribute{Computed: true, MarkdownDescription: "The display name."},
					"role":   dschema.StringAttribute{Computed: true, MarkdownDescription: "The role, where the platform has one."},
					"active": dschema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user can sign in."},
				}},
			},
		},
	}
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	backend := d.data.users(&resp.Diagnostics)
	var cfg usersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	emailRe := compileOptional(cfg.EmailRegex)
	nameRe := compileOptional(cfg.NameRegex)
	users, err := backend.ListUsers(ctx, platform.UserFilter{Email: cfg.Email.ValueString()})
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot list users", err)
		return
	}
	cfg.Users = []userSummary{}
	for _, u := range users {
		switch {
		case !cfg.Email.IsNull() && !strings.EqualFold(u.Email, cfg.Email.ValueString()),
			emailRe != nil && !emailRe.MatchString(u.Email),
			nameRe != nil && !nameRe.MatchString(u.Name),
			!cfg.Active.IsNull() && cfg.Active.ValueBool() != u.Active:
			continue
		}
		m := d.data.userData(ctx, u, &resp.Diagnostics)
		cfg.Users = append(cfg.Users, userSummary{ID: m.ID, Email: m.Email, Name: m.Name, Role: m.Role, Active: m.Active})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

func compileOptional(v types.String) *regexp.Regexp {
	if v.ValueString() == "" {
		return nil
	}
	return regexp.MustCompile(v.ValueString()) // validated by regexValidator
}
