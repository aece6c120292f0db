package httpclient

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// maxRedirects is how many same-origin redirects a read may follow, as many as Go's own default.
const maxRedirects = 10

// checkRedirect follows a redirect only for a GET or HEAD that stays on the origin of the first request
// (scheme, host and port). Anything else would send the credential headers (Authorization, a platform's own
// token header, every configured header) or a write's body where the user did not point the provider, or
// downgrade https to http. A refused redirect's answer is handed back as it is, with nothing sent to its
// Location, and Do turns it into an error.
func checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0]
	if len(via) >= maxRedirects || (first.Method != http.MethodGet && first.Method != http.MethodHead) || !sameOrigin(first.URL, req.URL) {
		return http.ErrUseLastResponse
	}
	return nil
}

// isRedirect reports whether an answer is one net/http follows (it hands it back only when checkRedirect
// refused it).
func isRedirect(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return resp.Header.Get("Location") != ""
	}
	return false
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && portOf(a) == portOf(b)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

// redirectError describes a redirect the client did not follow. Nothing was sent to its Location, so the
// server did not apply a write, except after a 303, which means "done, see the result there".
func (c *Client) redirectError(r Request, apiPath string, resp *http.Response, safe bool) error {
	location := resp.Header.Get("Location")
	target, err := resp.Location() // resolved against the request that got the answer
	if err == nil {
		location = target.Redacted()
	}
	msg := fmt.Sprintf("the server redirected %s %s to %s; ", r.Method, apiPath, location)
	switch {
	case err == nil && sameOrigin(c.base, target) && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		msg += fmt.Sprintf("stopped after %d redirects", maxRedirects)
	case err == nil && sameOrigin(c.base, target):
		msg += "a write is not resent to another path; check the path of `endpoint`"
	default:
		msg += "set `endpoint` to the final address" + suggestedEndpoint(target, r.Path) +
			" (roster follows a redirect only for a read that keeps the scheme, host and port, and sent nothing there)"
	}
	apiErr := &platform.APIError{Method: r.Method, Path: apiPath, Status: resp.StatusCode, Message: msg}
	if !safe && resp.StatusCode == http.StatusSeeOther {
		return &platform.AmbiguousError{Err: apiErr}
	}
	return apiErr
}

// suggestedEndpoint is " (<address>)" when the redirect keeps the request's API path below a new root, so
// the user can paste it; "" otherwise.
func suggestedEndpoint(target *url.URL, requestPath string) string {
	if target == nil || requestPath == "" || !strings.HasSuffix(target.Path, requestPath) {
		return ""
	}
	root := url.URL{Scheme: target.Scheme, Host: target.Host, Path: strings.TrimSuffix(target.Path, requestPath)}
	return " (" + root.String() + ")"
}
