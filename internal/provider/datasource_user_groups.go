package provider

import (
	"context"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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
	NamePrefix types.String `tfsdk:"name_prefix"`
	NameRegex  types.String `tfsdk:"name_regex"`
	MemberID   types.String `tfsdk:"member_id"`
	Groups     types.List   `tfsdk:"groups"`
}

// groupItems are the items of `groups`.
var groupItems = listItems{
	common: map[string]dschema.Attribute{
		"id":          dschema.StringAttribute{Computed: true, MarkdownDescription: "The group's id."},
		"name":        dschema.StringAttribute{Computed: true, MarkdownDescription: "The group's name."},
		"description": dschema.StringAttribute{Computed: true, MarkdownDescription: "The description, where the platform has one."},
		"members":     dschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "User ids of the direct members, sorted."},
	},
	attrs: groupPlatformAttrs,
}

func (d *userGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_groups"
}

func (d *userGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Lists user groups, following every page, optionally filtered. Every filter given must match. " +
			"A member filter is applied by the server where the API has one (authentik, Tyk AI Studio), after reading " +
			"the whole list elsewhere.",
		Attributes: map[string]dschema.Attribute{
			"name_prefix": dschema.StringAttribute{MarkdownDescription: "Only groups whose name starts with this (case-sensitive).", Optional: true},
			"name_regex": dschema.StringAttribute{
				MarkdownDescription: "Only groups whose name matches this RE2 regular expression.",
				Optional:            true,
				Validators:          []validator.String{regexValidator{}, stringvalidator.LengthAtLeast(1)},
			},
			"member_id": dschema.StringAttribute{
				MarkdownDescription: "Only groups that the user with this id is a direct member of (on Onyx the id is the " +
					"lowercased email). authentik refuses an id that names no user; elsewhere such an id matches no group.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"groups": groupItems.attribute("The matching groups, ordered by name."),
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
	groups, err := backend.ListGroups(ctx, platform.GroupFilter{MemberID: cfg.MemberID.ValueString()})
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot list user groups", err)
		return
	}
	sortGroups(groups)
	itemType := groupItems.itemType()
	items := []attr.Value{}
	for _, g := range groups {
		if !strings.HasPrefix(g.Name, cfg.NamePrefix.ValueString()) || (re != nil && !re.MatchString(g.Name)) {
			continue
		}
		if g, err = groupDetails(ctx, backend, g); err != nil {
			addPlatformError(&resp.Diagnostics, "Cannot list user groups", err)
			return
		}
		common := map[string]attr.Value{
			"id": types.StringValue(g.ID), "name": types.StringValue(g.Name),
			"description": types.StringNull(), "members": sortedStringList(g.Members, &resp.Diagnostics),
		}
		if d.data.supports(platform.KindUserGroup, platform.FieldDescription) {
			common["description"] = types.StringValue(g.Description)
		}
		items = append(items, groupItems.item(ctx, d.data, itemType, common, g.Extra, &resp.Diagnostics))
	}
	cfg.Groups = groupItems.list(itemType, items, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
