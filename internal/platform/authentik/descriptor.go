package authentik

import (
	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Name is authentik's `platform` value.
const Name platform.Name = "authentik"

// Descriptor tells generic code about authentik.
var Descriptor = platform.Register(platform.Descriptor{
	Name:        Name,
	DisplayName: "authentik",
	APIPrefix:   apiPrefix,
	EndpointEnv: []string{"AUTHENTIK_URL"},
	TokenEnv:    []string{"AUTHENTIK_TOKEN"},
	Capabilities: platform.Capabilities{
		Available: true,
		Unsupported: map[platform.Feature]string{
			{Kind: platform.KindUserGroup, Field: platform.FieldDescription}: "authentik groups have no description; keep notes in authentik.attributes",
			{Kind: platform.KindUser, Field: platform.FieldRole}:             "authentik users have no single role; grant rights through group membership and authentik roles",
		},
	},
	New: func(s platform.Settings) (platform.Backend, error) {
		return New(Config{Endpoint: s.Endpoint, Token: s.Token, HTTP: httpclient.ConfigFor(s)})
	},
})
