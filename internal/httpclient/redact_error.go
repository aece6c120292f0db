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

// maskError masks the secrets in every message an error carries: the server's text, the per-field messages
// and an unsupported feature's reason.
func maskError(err error, secrets secretSet) {
	if len(secrets) == 0 {
		return
	}
	var apiErr *platform.APIError
	if errors.As(err, &apiErr) {
		apiErr.Message = secrets.mask(apiErr.Message)
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
