package secoda

import (
	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Name is Secoda's `platform` value.
const Name platform.Name = "secoda"

// Descriptor tells generic code about Secoda.
var Descriptor = platform.Register(platform.Descriptor{
	Name:        Name,
	DisplayName: "Secoda",
	APIPrefix:   apiPrefix,
	Capabilities: platform.Capabilities{
		Available: true,
		Unsupported: map[platform.Feature]string{
			{Kind: platform.KindUser, Field: platform.FieldServiceAccount}: "Secoda's API only reports is_service_account; it cannot create a service account",
			{Kind: platform.KindAPIKey}:                                    "Secoda's API has no API-key endpoints; manage keys in Settings -> API",
			{Kind: platform.KindUser, Field: platform.FieldPassword}:       "Secoda users are invited by email and sign in through Secoda or SSO; the API sets no passwords",
		},
		// `disabled` is read (a member deactivated in the UI reads active = false), never written.
		ReadOnly: map[platform.Feature]string{
			{Kind: platform.KindUser, Field: platform.FieldActive}: "Secoda's API cannot deactivate a member or re-activate one; do it in Secoda's UI, " +
				"or remove the roster_user to remove the member",
		},
		// An invitation belongs to one address; changing it through the API is not documented.
		ReplaceOnChange: map[platform.Kind][]platform.Field{platform.KindUser: {platform.FieldEmail}},
	},
	New: func(s platform.Settings) (platform.Backend, error) {
		return New(Config{Endpoint: s.Endpoint, Token: s.Token, HTTP: httpclient.ConfigFor(s)})
	},
})
