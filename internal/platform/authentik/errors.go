package authentik

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// newErrorDecoder turns authentik's error answers into the platform package's typed errors:
//   - 400 with DRF validation errors becomes *platform.InvalidError, or *platform.ConflictError when a
//     message says a unique value is taken;
//   - 404 becomes *platform.NotFoundError (the calling method fills Kind and ID);
//   - anything else (403 for a bad token or a missing permission, 405, 5xx) stays an *platform.APIError.
//
// The message always quotes the server. The token is cut out of the body first, in case a proxy or a
// debugging server ever echoes request headers.
func newErrorDecoder(token string) httpclient.ErrorDecoder {
	return func(apiErr *platform.APIError, resp *httpclient.Response) error {
		body := httpclient.RedactSecret(resp.Body, token)
		switch resp.Status {
		case http.StatusBadRequest:
			return validationError(apiErr, body)
		case http.StatusNotFound:
			apiErr.Message = serverMessage(body)
			return &platform.NotFoundError{Err: apiErr, Platform: Name}
		default:
			apiErr.Message = serverMessage(body)
			return apiErr
		}
	}
}

// validationError decodes a 400. authentik answers with {field: [messages]}, with non_field_errors for
// whole-object problems, with a JSON list for a malformed filter, and with an empty body when set_password is
// refused by a password policy.
func validationError(apiErr *platform.APIError, body []byte) error {
	fields, quoted := parseValidationBody(body)
	if len(fields) == 0 {
		apiErr.Message = "authentik rejected the request without saying why (an empty answer usually means a policy, such as the password policy, refused it)"
		fields = []platform.FieldError{{Message: apiErr.Message}}
	} else {
		apiErr.Message = strings.Join(quoted, "; ")
	}
	for _, f := range fields {
		if isUniquenessMessage(f.Message) {
			return &platform.ConflictError{Fields: fields, Err: apiErr}
		}
	}
	return &platform.InvalidError{Fields: fields, Err: apiErr}
}

// parseValidationBody returns the field errors under Terraform names, and the same messages as the server
// wrote them ("users: Invalid pk ...") for the APIError message.
func parseValidationBody(body []byte) (fields []platform.FieldError, quoted []string) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, nil
	}
	var decoded any
	if err := json.Unmarshal(trimmed, &decoded); err != nil {
		msg := httpclient.ServerText(trimmed)
		return []platform.FieldError{{Message: msg}}, []string{msg}
	}
	obj, isObject := decoded.(map[string]any)
	if !isObject {
		for _, msg := range flattenMessages(decoded) {
			fields = append(fields, platform.FieldError{Message: msg})
			quoted = append(quoted, msg)
		}
		return fields, quoted
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		if key == "code" {
			continue // a machine-readable code next to the messages, not a field
		}
		attr, known := terraformAttribute[key]
		for _, msg := range flattenMessages(obj[key]) {
			if known {
				fields = append(fields, platform.FieldError{Field: attr, Message: msg})
			} else {
				// A field with no Terraform attribute: keep its name in the text rather than invent a path.
				fields = append(fields, platform.FieldError{Message: key + ": " + msg})
			}
			if key == "non_field_errors" || key == "detail" {
				quoted = append(quoted, msg)
			} else {
				quoted = append(quoted, key+": "+msg)
			}
		}
	}
	return fields, quoted
}

// flattenMessages collects the strings of a DRF error value: a string, a list of them, or nested lists and
// objects (errors about list items or JSON keys), which are prefixed with their key.
func flattenMessages(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, item := range t {
			out = append(out, flattenMessages(item)...)
		}
		return out
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var out []string
		for _, k := range keys {
			for _, msg := range flattenMessages(t[k]) {
				out = append(out, k+": "+msg)
			}
		}
		return out
	case nil:
		return nil
	}
	return []string{fmt.Sprint(v)}
}

// isUniquenessMessage recognises Django's and DRF's wording for a taken unique value ("Group with this name
// already exists.", "This field must be unique.").
func isUniquenessMessage(msg string) bool {
	lower := strings.ToLower(msg)
	return strings.Contains(lower, "already exists") || strings.Contains(lower, "must be unique")
}

// serverMessage is the server's own explanation: the `detail` of a JSON error, otherwise the body itself,
// shortened.
func serverMessage(body []byte) string {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return ""
	}
	var generic struct {
		Detail *string `json:"detail"`
	}
	if json.Unmarshal(trimmed, &generic) == nil && generic.Detail != nil {
		return *generic.Detail
	}
	return httpclient.ServerText(trimmed)
}

// notFound is the error of a lookup that found nothing. A listing that did not contain the object proves
// nothing until the server is known to be the platform's API, which ConfirmNotFound checks once.
func (c *Client) notFound(ctx context.Context, kind platform.Kind, key string) error {
	return c.http.ConfirmNotFound(ctx, &platform.NotFoundError{Kind: string(kind), ID: key})
}
