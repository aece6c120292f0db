package unleash

import (
	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Name is Unleash's `platform` value.
const Name platform.Name = "unleash"

// Descriptor tells generic code about Unleash.
var Descriptor = platform.Register(platform.Descriptor{
	Name:        Name,
	DisplayName: "Unleash",
	Capabilities: platform.Capabilities{
		Available: true,
		Unsupported: map[platform.Feature]string{
			{Kind: platform.KindAPIKey, Field: platform.FieldDescription}: "Unleash API tokens have no description; put it in the name",
			{Kind: platform.KindUser, Field: platform.FieldActive}:        "Unleash users cannot be deactivated; remove the user instead",
		},
		// The API can change a token's expiry only, and never a username.
		ReplaceOnChange: map[platform.Kind][]platform.Field{
			platform.KindUser:   {fieldUsername},
			platform.KindAPIKey: {fieldType, fieldEnvironment, fieldProjects},
		},
		CreateOnly: map[platform.Feature]string{
			{Kind: platform.KindUser, Field: fieldSendEmail}: "Unleash sends the welcome e-mail only when the user is created",
		},
	},
	New: func(s platform.Settings) (platform.Backend, error) {
		// Unleash limits user creation per client (CREATE_USER_RATE_LIMIT_PER_MINUTE): the client paces by the
		// server's RateLimit headers, and writes_per_minute, when set, caps that pace too.
		return New(Config{Endpoint: s.Endpoint, Token: s.Token, HTTP: httpclient.ConfigFor(s), UserCreatesPerMinute: s.WritesPerMinute})
	},
})
