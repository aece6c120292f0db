package tykaistudio

import (
	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Name is Tyk AI Studio's `platform` value.
const Name platform.Name = "tyk_ai_studio"

// Descriptor tells generic code about Tyk AI Studio.
var Descriptor = platform.Register(platform.Descriptor{
	Name:        Name,
	DisplayName: "Tyk AI Studio",
	APIPrefix:   apiPrefix,
	Capabilities: platform.Capabilities{
		Available: true,
		// active is not listed: every Tyk AI Studio user is active, so `active = true` (what an import
		// reads and -generate-config-out writes) is accepted and ValidateUser refuses false.
		Unsupported: map[platform.Feature]string{
			{Kind: platform.KindUser, Field: platform.FieldServiceAccount}:   "Tyk AI Studio has no service accounts; every user is a person with an email",
			{Kind: platform.KindUserGroup, Field: platform.FieldDescription}: "Tyk AI Studio groups (Teams) have no description",
			{Kind: platform.KindAPIKey, Field: platform.FieldDescription}:    "a Tyk AI Studio key is the user's single current key and has no description",
			{Kind: platform.KindAPIKey, Field: platform.FieldExpiresAt}:      "Tyk AI Studio keys do not expire; use rotation_triggers to roll them",
			{Kind: platform.KindEphemeralAPIKey}: "a Tyk AI Studio user has one key and the API cannot revoke it: minting a short-lived key " +
				"would replace the user's current key, and closing it could only roll it again",
		},
		ReadOnly: map[platform.Feature]string{
			{Kind: platform.KindUser, Field: platform.FieldRole}: "Tyk AI Studio derives the role from tyk_ai_studio.is_admin and show_portal",
		},
		ReplaceOnChange: map[platform.Kind][]platform.Field{platform.KindAPIKey: {platform.FieldUserID}},
		CreateOnly: map[platform.Feature]string{
			{Kind: platform.KindUser, Field: platform.FieldPasswordVersion}: "Tyk AI Studio sets a password only when the user is created; the API ignores it on update. Reset it in the UI, or replace the user",
		},
	},
	New: func(s platform.Settings) (platform.Backend, error) {
		return New(Config{Endpoint: s.Endpoint, Token: s.Token, HTTP: httpclient.ConfigFor(s)})
	},
})
