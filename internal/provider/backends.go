package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

// newBackend builds the configured platform's client through its descriptor.
func (s settings) newBackend(userAgent string) (platform.Backend, error) {
	return s.Descriptor.New(platform.Settings{
		Endpoint: s.Endpoint,
		Token:    s.Token,
		HTTP: platform.Transport{
			MaxRetries:         s.MaxRetries,
			RequestTimeout:     s.RequestTimeout,
			InsecureSkipVerify: s.InsecureSkipVerify,
			Headers:            s.Headers,
			UserAgent:          userAgent,
			MaxResponseBytes:   s.MaxResponseBytes,
		},
		WritesPerMinute: s.WritesPerMinute,
		Options:         s.Options,
	})
}

// optionSchema is the provider attribute of a platform's own setting.
func optionSchema(o platform.Option) schema.StringAttribute {
	a := schema.StringAttribute{MarkdownDescription: o.Description, Optional: true}
	if len(o.Values) > 0 {
		a.Validators = []validator.String{stringvalidator.OneOf(o.Values...)}
	}
	return a
}

// optionOwner returns the platform that declares a provider attribute, if one does.
func optionOwner(attribute string) (platform.Descriptor, bool) {
	for _, d := range platforms.All {
		for _, o := range d.Options {
			if o.Attribute == attribute {
				return d, true
			}
		}
	}
	return platform.Descriptor{}, false
}

// readProviderConfig reads the provider block: the common settings into the model, the platforms' own
// settings (whose attributes come from the descriptors) into Options.
func readProviderConfig(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) providerModel {
	var whole types.Object
	var cfg providerModel
	diags.Append(config.Get(ctx, &whole)...)
	if diags.HasError() {
		return cfg
	}
	common, commonTypes := map[string]attr.Value{}, map[string]attr.Type{}
	allTypes := whole.AttributeTypes(ctx)
	options := map[string]types.String{}
	for name, v := range whole.Attributes() {
		if _, isOption := optionOwner(name); isOption {
			options[name], _ = v.(types.String)
			continue
		}
		common[name], commonTypes[name] = v, allTypes[name]
	}
	obj, d := types.ObjectValue(commonTypes, common)
	diags.Append(d...)
	if !diags.HasError() {
		// As replaces the whole struct, so Options is filled after it.
		diags.Append(obj.As(ctx, &cfg, objectAsOptions)...)
	}
	cfg.Options = options
	return cfg
}
