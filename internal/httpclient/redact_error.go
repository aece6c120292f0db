package httpclient

import (
	"errors"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// token is the credential in the Authorization header, without its scheme.
func (c *Client) token() string {
	auth := strings.TrimSpace(c.cfg.Authorization)
	if scheme, rest, ok := strings.Cut(auth, " "); ok && strings.EqualFold(scheme, "Bearer") {
		return strings.TrimSpace(rest)
	}
	return auth
}

// maskError masks the secrets in every text an error carries: the request's path, the server's text, the
// per-field messages, an unsupported feature's reason and the answers that showed a server is not the API.
func maskError(err error, secrets secretSet) {
	if len(secrets) == 0 {
		return
	}
	var apiErr *platform.APIError
	if errors.As(err, &apiErr) {
		apiErr.Path = secrets.mask(apiErr.Path)
		apiErr.Message = secrets.mask(apiErr.Message)
	}
	var notAPI *NotTheAPIError
	if errors.As(err, &notAPI) {
		for i := range notAPI.Answers {
			notAPI.Answers[i] = secrets.mask(notAPI.Answers[i])
		}
	}
	var unconfirmed *UnconfirmedError
	if errors.As(err, &unconfirmed) {
		unconfirmed.Lead = secrets.mask(unconfirmed.Lead)
		unconfirmed.Probe = secrets.mask(unconfirmed.Probe)
	}
	var invalid *platform.InvalidError
	if errors.As(err, &invalid) {
		for i := range invalid.Fields {
			invalid.Fields[i].Message = secrets.mask(invalid.Fields[i].Message)
		}
	}
	var conflict *platform.ConflictError
	if errors.As(err, &conflict) {
		for i := range conflict.Fields {
			conflict.Fields[i].Message = secrets.mask(conflict.Fields[i].Message)
		}
	}
	var unsupported *platform.UnsupportedError
	if errors.As(err, &unsupported) {
		unsupported.Reason = secrets.mask(unsupported.Reason)
	}
}
