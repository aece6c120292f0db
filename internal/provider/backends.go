package provider

import (
	"fmt"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/secoda"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/tykaistudio"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/unleash"
)

// platformEnvVars are the environment variables a platform's own tooling uses, read after the ROSTER_ ones.
type platformEnvVars struct {
	endpoint []string
	token    []string
}

var platformEnv = map[platform.Name]platformEnvVars{
	platform.Authentik: {endpoint: []string{"AUTHENTIK_URL"}, token: []string{"AUTHENTIK_TOKEN"}},
}

// backendFactories builds each available platform's client. Adding a platform means adding a row here, a
// row in the capability table and its nested attributes (platform_<name>.go).
var backendFactories = map[platform.Name]func(s settings, http httpclient.Config) (platform.Backend, error){
	platform.Authentik: func(s settings, http httpclient.Config) (platform.Backend, error) {
		return authentik.New(authentik.Config{Endpoint: s.Endpoint, Token: s.Token, HTTP: http})
	},
	platform.Secoda: func(s settings, http httpclient.Config) (platform.Backend, error) {
		return secoda.New(secoda.Config{Endpoint: s.Endpoint, Token: s.Token, HTTP: http})
	},
	platform.TykAIStudio: func(s settings, http httpclient.Config) (platform.Backend, error) {
		return tykaistudio.New(tykaistudio.Config{Endpoint: s.Endpoint, Token: s.Token, HTTP: http})
	},
	platform.Unleash: func(s settings, http httpclient.Config) (platform.Backend, error) {
		// Unleash limits user creation per client (CREATE_USER_RATE_LIMIT_PER_MINUTE): the client paces by the
		// server's RateLimit headers, and writes_per_minute, when set, caps that pace too.
		return unleash.New(unleash.Config{Endpoint: s.Endpoint, Token: s.Token, HTTP: http, UserCreatesPerMinute: s.WritesPerMinute})
	},
	platform.Onyx: func(s settings, http httpclient.Config) (platform.Backend, error) {
		return onyx.New(onyx.Config{Endpoint: s.Endpoint, Token: s.Token, Generation: onyx.Generation(s.OnyxGeneration), HTTP: http})
	},
}

func newBackend(s settings, userAgent string) (platform.Backend, error) {
	factory, ok := backendFactories[s.Platform]
	if !ok {
		return nil, fmt.Errorf("no client for platform %q", s.Platform)
	}
	return factory(s, httpclient.Config{
		MaxRetries:         s.MaxRetries,
		RequestTimeout:     s.RequestTimeout,
		InsecureSkipVerify: s.InsecureSkipVerify,
		Headers:            s.Headers,
		UserAgent:          userAgent,
		WritesPerMinute:    float64(s.WritesPerMinute),
		MaxResponseBytes:   s.MaxResponseBytes,
	})
}
