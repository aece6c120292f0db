package onyx

import (
	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Name is Onyx's `platform` value.
const Name platform.Name = "onyx"

// GenerationOption is the provider setting that forces the API generation.
const GenerationOption = "onyx_api_generation"

// Descriptor tells generic code about Onyx.
var Descriptor = platform.Register(platform.Descriptor{
	Name:        Name,
	DisplayName: "Onyx",
	APIPrefix:   apiPrefix,
	Capabilities: platform.Capabilities{
		Available: true,
		Unsupported: map[platform.Feature]string{
			{Kind: platform.KindUser, Field: platform.FieldServiceAccount}:   "Onyx makes a service-account user for each API key itself; roster_api_key without user_id creates one (with onyx.role and onyx.group_ids)",
			{Kind: platform.KindUserGroup, Field: platform.FieldDescription}: "Onyx user groups have no description",
			{Kind: platform.KindUser, Field: platform.FieldPassword}:         "Onyx users are invited by email and set their own password (or use SSO); the API sets none",
			{Kind: platform.KindAPIKey, Field: platform.FieldUserID}:         "an Onyx API key gets a service-account user of its own; it cannot be issued for an existing user",
			{Kind: platform.KindAPIKey, Field: platform.FieldDescription}:    "Onyx API keys have no description",
			{Kind: platform.KindAPIKey, Field: platform.FieldExpiresAt}:      "Onyx API keys do not expire; use rotation_triggers to replace the key",
		},
		ReadOnly: map[platform.Feature]string{
			{Kind: platform.KindUser, Field: platform.FieldName}: "Onyx takes the name from the person's own profile; the admin API cannot set it",
		},
		// An invitation belongs to one address, which is also the user's id.
		ReplaceOnChange: map[platform.Kind][]platform.Field{platform.KindUser: {platform.FieldEmail}},
	},
	Options: []platform.Option{{
		Attribute: GenerationOption,
		Description: "Onyx only: the API generation of the server, `v4.6` (self-hosted v4.6 line: " +
			"curators, user roles) or `current` (cloud and main line: managers, admin access, API keys by " +
			"group). When omitted the provider detects it from the server once per run.",
		Values: []string{string(GenerationV46), string(GenerationCurrent)},
	}},
	New: func(s platform.Settings) (platform.Backend, error) {
		return New(Config{Endpoint: s.Endpoint, Token: s.Token, Generation: Generation(s.Options[GenerationOption]), HTTP: httpclient.ConfigFor(s)})
	},
})
