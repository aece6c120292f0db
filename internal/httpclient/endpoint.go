package httpclient

import (
	"fmt"
	"net/url"
	"strings"
)

// Endpoint describes how one platform's endpoint argument is checked and completed.
type Endpoint struct {
	// Platform names the platform in messages, as the provider spells it ("authentik", "tyk_ai_studio").
	Platform string
	// Example is a server root shown in the message for an endpoint that is not a URL.
	Example string
	// APIPrefix is appended to the path unless the path already ends with it ("/api/v3"). Empty means the
	// endpoint is used as it is, only checked and normalised.
	APIPrefix string
}

// BaseURL checks an endpoint as the user wrote it and joins it with the API prefix. Users paste either the
// server root or the API URL, with or without a trailing slash or a sub-path; all end up the same. The
// endpoint must be an http or https URL with a host, and must not carry credentials (they would end up in
// error messages and logs; the token argument is the way in), a query or a fragment.
func (e Endpoint) BaseURL(endpoint string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%s endpoint %q: want the server root, such as %s", e.Platform, endpoint, e.Example)
	}
	if u.User != nil {
		return nil, fmt.Errorf("%s endpoint: must not contain credentials; use the token argument", e.Platform)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%s endpoint %q: must not contain a query or fragment", e.Platform, endpoint)
	}
	path := strings.TrimRight(u.Path, "/")
	if !strings.HasSuffix(path, e.APIPrefix) {
		path += e.APIPrefix
	}
	u.Path, u.RawPath = path, ""
	return u, nil
}
