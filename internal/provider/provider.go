// Package provider is the Terraform glue: provider configuration, schemas, models and plan-time checks. It
// turns Terraform values into the neutral types of internal/platform and back; it never speaks HTTP.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

// RegistryAddress is where the provider is published.
const RegistryAddress = "registry.terraform.io/rosterhq/roster"

var (
	_ provider.Provider                       = (*rosterProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*rosterProvider)(nil)
)

type rosterProvider struct {
	version string
}

// New returns the provider factory for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &rosterProvider{version: version} }
}

type providerModel struct {
	Platform           types.String `tfsdk:"platform"`
	Endpoint           types.String `tfsdk:"endpoint"`
	Token              types.String `tfsdk:"token"`
	MaxRetries         types.Int64  `tfsdk:"max_retries"`
	RequestTimeout     types.String `tfsdk:"request_timeout"`
	InsecureSkipVerify types.Bool   `tfsdk:"insecure_skip_verify"`
	Headers            types.Map    `tfsdk:"headers"`
	WritesPerMinute    types.Int64  `tfsdk:"writes_per_minute"`
	MaxResponseSizeMiB types.Int64  `tfsdk:"max_response_size_mib"`
	// Options are the platforms' own settings (platform.Option), by attribute.
	Options map[string]types.String `tfsdk:"-"`
}

func (p *rosterProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "roster"
	resp.Version = p.version
}

func (p *rosterProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	s := schema.Schema{
		MarkdownDescription: "Manages user groups, users and API keys on one platform instance. " +
			"Use provider aliases to manage several platforms or instances.\n\n" +
			"## Capabilities\n\nWhat each platform lacks; using it is a plan-time error.\n\n" + capabilityTableMarkdown() +
			"\n## Removing an attribute\n\n" + removalMarkdown(),
		Attributes: map[string]schema.Attribute{
			"platform": schema.StringAttribute{
				MarkdownDescription: "The product this provider instance talks to: " + quotedList(platforms.Names()) +
					". Falls back to the `ROSTER_PLATFORM` environment variable.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(platforms.Names()...)},
			},
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "The server root, such as `https://auth.example.com`; the provider adds the API prefix " +
					"(`/api/v3` for authentik). Falls back to `ROSTER_ENDPOINT`, then to the platform's customary variable " +
					"(" + customaryVariables(func(d platform.Descriptor) []string { return d.EndpointEnv }) + "). The scheme is required; `http://` to a host other than this machine plans with " +
					"a warning, since the token would travel in clear text.",
				Optional:   true,
				Validators: []validator.String{endpointValidator{}},
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "The API token. Falls back to `ROSTER_TOKEN`, then to the platform's customary variable " +
					"(" + customaryVariables(func(d platform.Descriptor) []string { return d.TokenEnv }) + "). Surrounding white space (a trailing line break from `file()`) is dropped.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a failed request that is safe to repeat is retried (connection errors, " +
					"429, 5xx). Defaults to `" + itoa(defaultMaxRetries) + "`. A request and its retries get `max_retries + 1` " +
					"times `request_timeout` in all: a server's `Retry-After` that would start a retry too late to run its full " +
					"`request_timeout` within that fails the request at once, with the server's message and the wait it asked for.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "How long one HTTP request may take, as a Go duration such as `30s` or `2m`. " +
					"Defaults to `" + defaultRequestTimeout.String() + "`.",
				Optional:   true,
				Validators: []validator.String{durationValidator{}},
			},
			"insecure_skip_verify": schema.BoolAttribute{
				MarkdownDescription: "Skip TLS certificate verification. Only for test instances with self-signed certificates.",
				Optional:            true,
			},
			"headers": schema.MapAttribute{
				MarkdownDescription: "Extra HTTP headers sent with every request, for example for a proxy in front of the API. " +
					"Values are masked in messages and logs like the token, never sent to another host after a redirect, " +
					"and lose surrounding white space (a trailing line break from `file()`).",
				Optional:    true,
				Sensitive:   true,
				ElementType: types.StringType,
			},
			"max_response_size_mib": schema.Int64Attribute{
				MarkdownDescription: "The largest answer body the provider reads, in MiB; a longer answer fails the request " +
					"instead of filling the memory (a server or proxy that streams without end). Defaults to `" +
					itoa(defaultMaxResponseMiB) + "`, far above any page these APIs send.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, maxResponseMiB)},
			},
			"writes_per_minute": schema.Int64Attribute{
				MarkdownDescription: "Paces create, update and delete requests to at most this many per minute, for " +
					"instances with a write rate limit. Unset or `0` keeps the platform's own pace: 30 writes a minute " +
					"on Secoda (its documented limit), on Unleash user creations as fast as the limit the server " +
					"announces in its `RateLimit-*` headers allows, no pacing elsewhere. On Unleash a value caps user " +
					"creations in addition to the server's limit.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
		},
	}
	for _, d := range platforms.All {
		for _, o := range d.Options {
			s.Attributes[o.Attribute] = optionSchema(o)
		}
	}
	resp.Schema = s
}

func (p *rosterProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	cfg := readProviderConfig(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	settings, ok := resolveSettings(ctx, cfg, &resp.Diagnostics)
	if !ok {
		return
	}
	data := &providerData{platform: settings.Platform, capabilities: settings.Descriptor.Capabilities}
	if settings.Complete {
		backend, err := settings.newBackend(userAgent(p.version, req.TerraformVersion))
		if err != nil {
			resp.Diagnostics.AddError("Cannot configure the roster provider", err.Error())
			return
		}
		data.backend = backend
	}
	resp.DataSourceData = data
	resp.ResourceData = data
	resp.EphemeralResourceData = data
}

func (p *rosterProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		newUserGroupResource,
		newUserResource,
		newAPIKeyResource,
		newMembershipResource,
	}
}

func (p *rosterProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{newEphemeralAPIKey}
}

func (p *rosterProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newUserGroupDataSource,
		newUserDataSource,
		newUserGroupsDataSource,
		newAPIKeysDataSource,
		newUsersDataSource,
	}
}
