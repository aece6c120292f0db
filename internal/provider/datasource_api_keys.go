package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var _ datasource.DataSourceWithConfigure = (*apiKeysDataSource)(nil)

// apiKeysDataSource lists API keys without their secrets: it has no attribute that could hold one.
type apiKeysDataSource struct{ dataSourceBase }

func newAPIKeysDataSource() datasource.DataSource { return &apiKeysDataSource{} }

type apiKeysModel struct {
	NameRegex types.String `tfsdk:"name_regex"`
	UserID    types.String `tfsdk:"user_id"`
	APIKeys   types.List   `tfsdk:"api_keys"`
}

// apiKeyItems are the items of `api_keys`.
var apiKeyItems = listItems{
	common: map[string]dschema.Attribute{
		"id": dschema.StringAttribute{Computed: true, MarkdownDescription: "The platform's id of the key, as `roster_api_key.id` and its import take it."},
		"name": dschema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The key's name (empty on Tyk AI Studio, which stores none).",
		},
		"user_id":     dschema.StringAttribute{Computed: true, MarkdownDescription: "Id of the user the key acts as, where keys belong to users."},
		"description": dschema.StringAttribute{Computed: true, MarkdownDescription: "The description, where the platform has one."},
		"expires_at": dschema.StringAttribute{
			Computed: true, CustomType: timetypes.RFC3339Type{},
			MarkdownDescription: "When the key stops working (RFC 3339, UTC); null when it does not expire or the platform has no expiry.",
		},
	},
	attrs: apiKeyPlatformAttrs,
}

func (d *apiKeysDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_api_keys"
}

func (d *apiKeysDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Lists API keys, following every page: their ids, names, owners and expiry, never their " +
			"secrets (no attribute holds one). Not available where the platform has no API keys (see the capability table).",
		Attributes: map[string]dschema.Attribute{
			"name_regex": dschema.StringAttribute{
				MarkdownDescription: "Only keys whose name matches this RE2 regular expression.",
				Optional:            true,
				Validators:          []validator.String{regexValidator{}, stringvalidator.LengthAtLeast(1)},
			},
			"user_id": dschema.StringAttribute{
				MarkdownDescription: "Only keys of the user with this id, where keys belong to users.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"api_keys": apiKeyItems.attribute("The matching keys, ordered by name (then id)."),
		},
	}
}

func (d *apiKeysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg apiKeysModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Where the platform has no keys, apiKeys reports the capability table's reason, before any request.
	backend := d.data.apiKeys(&resp.Diagnostics)
	if backend == nil {
		return
	}
	var unsupported *platform.UnsupportedError
	owners := d.data.capabilities.Check(platform.Feature{Kind: platform.KindAPIKey, Field: platform.FieldUserID})
	if !cfg.UserID.IsNull() && errors.As(owners, &unsupported) {
		resp.Diagnostics.AddAttributeError(path.Root("user_id"), "Filter not supported on "+d.data.platform.DisplayName(), unsupported.Describe(attributeName))
		return
	}
	keys, err := backend.ListAPIKeys(ctx)
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot list API keys", err)
		return
	}
	sortAPIKeys(keys)
	re := compileOptional(cfg.NameRegex)
	itemType := apiKeyItems.itemType()
	items := []attr.Value{}
	for _, k := range keys {
		if (re != nil && !re.MatchString(k.Name)) || (!cfg.UserID.IsNull() && k.UserID != cfg.UserID.ValueString()) {
			continue
		}
		items = append(items, apiKeyItems.item(ctx, d.data, itemType, d.apiKeyValues(k), k.Extra, &resp.Diagnostics))
	}
	cfg.APIKeys = apiKeyItems.list(itemType, items, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// apiKeyValues renders a key's common attributes; k.Secret is never read.
func (d *apiKeysDataSource) apiKeyValues(k platform.APIKey) map[string]attr.Value {
	v := map[string]attr.Value{
		"id": types.StringValue(k.ID), "name": types.StringValue(k.Name),
		"user_id": types.StringNull(), "description": types.StringNull(), "expires_at": timetypes.NewRFC3339Null(),
	}
	if d.data.supports(platform.KindAPIKey, platform.FieldUserID) {
		v["user_id"] = types.StringValue(k.UserID)
	}
	if d.data.supports(platform.KindAPIKey, platform.FieldDescription) {
		v["description"] = types.StringValue(k.Description)
	}
	if k.ExpiresAt != nil {
		v["expires_at"] = timetypes.NewRFC3339TimeValue(k.ExpiresAt.UTC())
	}
	return v
}
