package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var (
	_ ephemeral.EphemeralResourceWithConfigure = (*ephemeralAPIKey)(nil)
	_ ephemeral.EphemeralResourceWithClose     = (*ephemeralAPIKey)(nil)
)

// ephemeralAPIKey mints an API key for one Terraform run and revokes it when Terraform closes it, so the
// secret never reaches state or plan files.
type ephemeralAPIKey struct {
	data *providerData
}

func newEphemeralAPIKey() ephemeral.EphemeralResource { return &ephemeralAPIKey{} }

type ephemeralAPIKeyModel struct {
	NamePrefix  types.String `tfsdk:"name_prefix"`
	UserID      types.String `tfsdk:"user_id"`
	Description types.String `tfsdk:"description"`
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Key         types.String `tfsdk:"key"`
}

const privateKeyID = "key_id"

func (e *ephemeralAPIKey) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_api_key"
}

func (e *ephemeralAPIKey) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Mints an API key for the duration of one Terraform run and revokes it when Terraform is " +
			"done with it. The secret never reaches state or plan files. Available where the platform can revoke " +
			"a key (see the capability table). Requires Terraform 1.10 or later.",
		Attributes: map[string]schema.Attribute{
			"name_prefix": schema.StringAttribute{
				MarkdownDescription: "The key's name starts with this; a random suffix keeps each run's key apart.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 200)},
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "Id of the user the key acts as, on platforms where keys belong to users. " +
					"On authentik it defaults to the user of the provider's token.",
				Optional: true,
			},
			"description": schema.StringAttribute{MarkdownDescription: "A description, where the platform stores one.", Optional: true},
			"id":          schema.StringAttribute{MarkdownDescription: "The platform's id of the key.", Computed: true},
			"name":        schema.StringAttribute{MarkdownDescription: "The key's full name.", Computed: true},
			"key":         schema.StringAttribute{MarkdownDescription: "The secret.", Computed: true, Sensitive: true},
		},
	}
}

func (e *ephemeralAPIKey) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	if d := providerDataFrom(req.ProviderData, &resp.Diagnostics); d != nil {
		e.data = d
	}
}

func (e *ephemeralAPIKey) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var cfg ephemeralAPIKeyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, f := range []platform.Feature{{Kind: platform.KindEphemeralAPIKey}, {Kind: platform.KindAPIKey}} {
		if e.data == nil {
			break // apiKeys says the provider is not configured
		}
		if err := e.data.capabilities.Check(f); err != nil {
			resp.Diagnostics.AddError("Ephemeral roster_api_key is not available on "+e.data.platform.DisplayName(), err.Error())
			return
		}
	}
	backend := e.data.apiKeys(&resp.Diagnostics)
	if backend == nil {
		return
	}
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	spec := platform.APIKeySpec{
		Name:        cfg.NamePrefix.ValueString() + "-" + hex.EncodeToString(suffix),
		UserID:      cfg.UserID.ValueString(),
		Description: cfg.Description.ValueString(),
	}
	if e.check(cfg, spec, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	key, err := backend.CreateAPIKey(ctx, spec)
	if key.ID != "" {
		// Recorded even after a partial failure, so Close revokes what was created.
		raw, _ := json.Marshal(key.ID)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateKeyID, raw)...)
	}
	if err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot mint an API key", err)
		return
	}
	cfg.ID, cfg.Name, cfg.Key = types.StringValue(key.ID), types.StringValue(spec.Name), types.StringValue(key.Secret)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &cfg)...)
}

// check reports, before anything is minted, what the platform cannot store or would refuse: roster_api_key's
// capability rows and plan-time checks, on the attributes the two share. A finding on an attribute the
// ephemeral key lacks (an expiry) says so.
func (e *ephemeralAPIKey) check(cfg ephemeralAPIKeyModel, spec platform.APIKeySpec, diags *diag.Diagnostics) {
	checkCapabilities(e.data, platform.KindAPIKey, map[string]bool{
		"user_id":     !cfg.UserID.IsNull(),
		"description": !cfg.Description.IsNull(),
	}, diags)
	v, ok := specValidator[platform.APIKeyValidator](e.data)
	if !ok || diags.HasError() {
		return
	}
	summary := "Invalid value for " + e.data.platform.DisplayName()
	for _, f := range v.ValidateAPIKey(spec) {
		p, _ := fieldPath(f.Field)
		switch {
		case f.Field == platform.FieldName: // the name is name_prefix and a random suffix
			diags.AddAttributeError(path.Root("name_prefix"), summary, "name_prefix: "+f.Message)
		case p.Equal(path.Root("user_id")) || p.Equal(path.Root("description")):
			diags.AddAttributeError(p, summary, p.String()+": "+f.Message)
		default:
			name := attributeName(f.Field)
			diags.AddError(summary, fmt.Sprintf("%s: %s. The ephemeral roster_api_key has no %s: use a roster_api_key resource.", name, strings.TrimSuffix(f.Message, "."), name))
		}
	}
}

func (e *ephemeralAPIKey) Close(ctx context.Context, req ephemeral.CloseRequest, resp *ephemeral.CloseResponse) {
	raw, diags := req.Private.GetKey(ctx, privateKeyID)
	resp.Diagnostics.Append(diags...)
	var id string
	if len(raw) == 0 || json.Unmarshal(raw, &id) != nil || id == "" {
		return
	}
	backend := e.data.apiKeys(&resp.Diagnostics)
	if backend == nil {
		return
	}
	if err := backend.DeleteAPIKey(ctx, id); err != nil {
		addPlatformError(&resp.Diagnostics, "Cannot revoke the ephemeral API key "+id, err)
	}
}
