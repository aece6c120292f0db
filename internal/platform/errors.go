package platform

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// APIError is a failed HTTP exchange: what was asked, what came back, and the server's own words. It never
// carries credentials: Path is the URL path only, without host or query.
type APIError struct {
	Method  string
	Path    string
	Status  int
	Message string
}

func (e *APIError) Error() string {
	status := fmt.Sprintf("%d %s", e.Status, http.StatusText(e.Status))
	if e.Status == 0 {
		status = "no response"
	}
	if e.Message == "" {
		return fmt.Sprintf("%s %s: %s", e.Method, e.Path, status)
	}
	return fmt.Sprintf("%s %s: %s: %s", e.Method, e.Path, status, e.Message)
}

// NotFoundError means the object does not exist (any more). Read turns it into "remove from state"; anywhere
// else it is an ordinary error.
type NotFoundError struct {
	Kind string
	ID   string
	Err  *APIError
	// Platform is the API that answered 404, for the message of a 404 no caller pinned on an object.
	Platform Name
}

func (e *NotFoundError) Error() string {
	if e.Kind == "" && e.ID == "" {
		return e.routeMessage()
	}
	msg := fmt.Sprintf("%s %q not found", e.Kind, e.ID)
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

// routeMessage words a 404 that names no object: the answer to a create or a list, whose route every server
// of the platform has. The route itself is missing, which usually means an endpoint with a wrong path.
func (e *NotFoundError) routeMessage() string {
	msg := "404 Not Found"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	product := "platform's"
	if e.Platform != "" {
		msg = string(e.Platform) + " " + msg
		product = e.Platform.DisplayName()
	}
	return msg + ": the server has no such route; check that endpoint is the " + product + " server root"
}

func (e *NotFoundError) Unwrap() error {
	if e.Err == nil {
		return nil
	}
	return e.Err
}

// ConflictError means the object clashes with an existing one (duplicate name, email, identifier).
type ConflictError struct {
	Fields []FieldError
	Err    *APIError
}

func (e *ConflictError) Error() string {
	if e.Err == nil {
		return "conflict: " + JoinFieldErrors(e.Fields)
	}
	return "conflict: " + e.Err.Error()
}
func (e *ConflictError) Unwrap() error {
	if e.Err == nil {
		return nil
	}
	return e.Err
}

// FieldError is one message about one field; Field is the zero Field for errors about the whole object.
type FieldError struct {
	Field   Field
	Message string
}

func (f FieldError) String() string {
	if f.Field.IsZero() {
		return f.Message
	}
	return f.Field.String() + ": " + f.Message
}

// InvalidError is a validation failure reported by the server, split per field where the server says which.
type InvalidError struct {
	Fields []FieldError
	Err    *APIError
}

func (e *InvalidError) Error() string {
	if e.Err == nil {
		return "invalid request: " + JoinFieldErrors(e.Fields)
	}
	return "invalid request: " + e.Err.Error()
}
func (e *InvalidError) Unwrap() error {
	if e.Err == nil {
		return nil
	}
	return e.Err
}

// UnsupportedError means the platform has no way to do what was asked.
type UnsupportedError struct {
	Platform Name
	Feature  Feature
	Reason   string
}

func (e *UnsupportedError) Error() string { return e.Describe(Field.String) }

// Describe is the message with the feature's field named by attribute (the provider passes its own
// attribute names).
func (e *UnsupportedError) Describe(attribute func(Field) string) string {
	return fmt.Sprintf("%s does not support %s: %s", e.Platform.DisplayName(), e.Feature.Describe(attribute), e.Reason)
}

// AmbiguousError wraps a failure after which the server may or may not have applied a write (a lost response,
// a timeout, a 5xx to a POST). Callers that created something look it up by its natural key before retrying.
type AmbiguousError struct {
	Err error
}

func (e *AmbiguousError) Error() string {
	return e.Err.Error() + " (the server may have applied the request)"
}
func (e *AmbiguousError) Unwrap() error { return e.Err }

// WithKind fills in what a *NotFoundError decoded from a 404 cannot know: which kind of object, and which
// id the caller asked for. Other errors pass unchanged.
func WithKind(err error, kind Kind, id string) error {
	var nf *NotFoundError
	if errors.As(err, &nf) {
		nf.Kind = string(kind)
		nf.ID = id
	}
	return err
}

// IsNotFound reports whether err is, or wraps, a *NotFoundError.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

// IsAmbiguous reports whether err is, or wraps, an *AmbiguousError.
func IsAmbiguous(err error) bool {
	var amb *AmbiguousError
	return errors.As(err, &amb)
}

// FieldErrorsOf returns the per-field messages of an *InvalidError or *ConflictError, or nil.
func FieldErrorsOf(err error) []FieldError {
	var inv *InvalidError
	if errors.As(err, &inv) {
		return inv.Fields
	}
	var conflict *ConflictError
	if errors.As(err, &conflict) {
		return conflict.Fields
	}
	return nil
}

// JoinFieldErrors renders field errors as one line, for error messages.
func JoinFieldErrors(fields []FieldError) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f.String()
	}
	return strings.Join(parts, "; ")
}
