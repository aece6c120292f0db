package provider_test

// A platform joins the provider through its descriptor and one line in internal/platforms alone: this test
// registers a platform of its own the same way (in the test, never in production code) and finds it in the
// provider's schema validation, its capability docs, its environment variables, its option and its
// constructor, without any other file naming it.

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
	"github.com/rosterhq/terraform-provider-roster/internal/provider"
	"github.com/rosterhq/terraform-provider-roster/internal/serve"
)

// fakeBackend manages nothing: its capability row says so for every type.
type fakeBackend struct{ settings platform.Settings }

func (fakeBackend) Platform() platform.Name             { return fakeDescriptor.Name }
func (fakeBackend) Capabilities() platform.Capabilities { return fakeDescriptor.Capabilities }

// fakeBuilt is the backend the fake's constructor built last.
var fakeBuilt *fakeBackend

var fakeDescriptor = platform.Register(platform.Descriptor{
	Name:        "fake_platform",
	DisplayName: "Fake Platform",
	EndpointEnv: []string{"FAKE_PLATFORM_URL"},
	TokenEnv:    []string{"FAKE_PLATFORM_TOKEN"},
	Capabilities: platform.Capabilities{
		Available: true,
		Unsupported: map[platform.Feature]string{
			{Kind: platform.KindUserGroup}: "the fake platform keeps no groups",
			{Kind: platform.KindUser}:      "the fake platform keeps no users",
			{Kind: platform.KindAPIKey}:    "the fake platform keeps no keys",
		},
	},
	Options: []platform.Option{{Attribute: "fake_platform_flavour", Description: "Fake only.", Values: []string{"sweet", "sour"}}},
	New: func(s platform.Settings) (platform.Backend, error) {
		if s.Endpoint == "" {
			return nil, errors.New("no endpoint")
		}
		fakeBuilt = &fakeBackend{settings: s}
		return fakeBuilt, nil
	},
})

// withFakePlatform adds the fake platform to the registry list for one test. The test must not run in
// parallel: the list is shared.
func withFakePlatform(t *testing.T) {
	all := platforms.All
	platforms.All = append(slices.Clip(all), fakeDescriptor)
	t.Cleanup(func() { platforms.All = all })
}

func TestRegisteredPlatformJoinsTheProvider(t *testing.T) {
	withFakePlatform(t)
	t.Setenv("FAKE_PLATFORM_URL", "https://fake.example.com")
	t.Setenv("FAKE_PLATFORM_TOKEN", "fake-token")
	ctx := context.Background()
	server := serve.Server(provider.New("test"))()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	docs := schemas.Provider.Block.Description
	if !strings.Contains(docs, "`fake_platform` (Fake Platform)") || !strings.Contains(docs, "the fake platform keeps no users") {
		t.Errorf("the capability docs have no row of the fake platform:\n%s", docs)
	}
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	config := func(platformName, flavour string) *tfprotov6.DynamicValue {
		vals := map[string]tftypes.Value{}
		for name, typ := range providerType.AttributeTypes {
			vals[name] = tftypes.NewValue(typ, nil)
		}
		vals["platform"] = tftypes.NewValue(tftypes.String, platformName)
		vals["fake_platform_flavour"] = tftypes.NewValue(tftypes.String, flavour)
		dv, err := tfprotov6.NewDynamicValue(providerType, tftypes.NewValue(providerType, vals))
		if err != nil {
			t.Fatal(err)
		}
		return &dv
	}

	for name, want := range map[string]string{"fake_platform": "", "not_a_platform": "value must be one of"} {
		resp, err := server.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: config(name, "sweet")})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, d := range resp.Diagnostics {
			got += d.Summary + ": " + d.Detail + "\n"
		}
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("platform = %q: diagnostics %q, want %q", name, got, want)
		}
	}

	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: config("fake_platform", "sour")})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("ConfigureProvider: %v %v", err, resp.Diagnostics)
	}
	if fakeBuilt == nil {
		t.Fatal("the fake platform's constructor was not called")
	}
	if s := fakeBuilt.settings; s.Endpoint != "https://fake.example.com" || s.Token != "fake-token" || s.Options["fake_platform_flavour"] != "sour" {
		t.Errorf("the constructor got %+v; want the endpoint and token of FAKE_PLATFORM_URL and FAKE_PLATFORM_TOKEN and flavour sour", s)
	}
}
