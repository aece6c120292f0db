package apiutil

import "github.com/rosterhq/terraform-provider-roster/internal/platform"

// Refused is the *platform.InvalidError of a request the client will not send (the server would refuse it,
// or do the wrong thing with it). The APIError names the request that was not sent; its status is 0
// because there was no answer.
func Refused(method, path string, fields ...platform.FieldError) error {
	return &platform.InvalidError{
		Fields: fields,
		Err:    &platform.APIError{Method: method, Path: path, Message: "not sent: " + platform.JoinFieldErrors(fields)},
	}
}
