package httpclient

import "github.com/rosterhq/terraform-provider-roster/internal/platform"

// unreadAnswer classifies a 2xx answer to r that could not be decoded (cut off by a proxy, garbled): the
// server did apply the request, so for a write that must not be sent twice the error is
// *platform.AmbiguousError, and the caller looks up what it made instead of losing track of it.
func unreadAnswer(r Request, err error) error {
	if r.safe() {
		return err
	}
	return &platform.AmbiguousError{Err: err}
}
