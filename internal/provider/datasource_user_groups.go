package provider

import (
	"context"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var _ datasource.DataSourceWithConfigure = (*userGroupsDataSource)(nil)

type userGroupsDataSource struct{ dataSourceBase }

func newUserGroupsDataSource() datasource.DataSource { return &userGroupsDataSource{} }

type userGroupsModel struct {
	NamePrefix types.String       `tfsdk:"name_prefix"`
	NameRegex  types.String       `tfsdk:"name_regex"`
	Groups     []userGroupSummary `tfsdk:"groups"`
}

type userGroupSummary struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Members     types.List   `tfsdk:"members"`
}

func (d *userGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_groups"
}

func (d *userGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Lists user groups, following every page, optionally filtered by name.",
		Attributes: map[string]dschema.Attribute{
			"name_prefix": dschema.StringAttribute{MarkdownDescription: "Only groups whose name starts with this (case-sensitive).", Optional: true},
			"name_regex": dschema.StringAttribute{
				MarkdownDescription: "Only groups whose name matches this RE2 regular expression.",
				Optional:            true,
				Validators:          []validator.String{regexValidator{}, stringvalidator.LengthAtLeast(1)},
			},
			"groups": dschema.ListNestedAttribute{
				MarkdownDescription: "The matching groups, ordered by name.",
				Computed:            true,
				NestedObject: dschema.NestedAttributeObject{Attributes: map[string]dschema.Attribute{
					"id":          dschema.StringAttribute{Computed: true, MarkdownDescription: "The group's id."},
					"name":        dschema.StringAttribute{Computed: true, MarkdownDescription: "The group's name."},
					"description": dschema.StringAttribute{Computed: true, MarkdownDescription: "The description, where the platform has one."},
					"members":     dschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "User ids of the direct members, sorted."},
				}},
			},
		},
	}
}

func (d *userGroupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	backend := d.data.groups(&resp.Diagnostics)
	var cfg userGroupsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var re *regexp.Regexp
	if v := cfg.NameRegex.ValueString(); v != "" {
		re = regexp.MustCompile(v) // validated by regexValidator
	}
	groups, err := backend.ListGroups(ctx, platform.GroupFilter{})
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot list user groups", err)
		return
	}
	cfg.Groups = []userGroupSummary{}
	for _, g := range groups {
		if !strings.HasPrefix(g.Name, cfg.NamePrefix.ValueString()) || (re != nil && !re.MatchString(g.Name)) {
			continue
		}
		s := userGroupSummary{
			ID: types.StringValue(g.ID), Name: types.StringValue(g.Name),
			Description: types.StringNull(), Members: sortedStringList(g.Members, &resp.Diagnostics),
		}
		if d.data.supports(platform.KindUserGroup, platform.FieldDescription) {
			s.Description = types.StringValue(g.Description)
		}
		cfg.Groups = append(cfg.Groups, s)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
