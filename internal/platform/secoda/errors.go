package secoda

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

// newErrorDecoder turns Secoda's error answers into the platform package's typed errors. Secoda does not
// document its error bodies; it is a Django REST framework application, so the decoder reads DRF's shapes
// ({"field": ["message"]}, {"detail": "..."}) and falls back to quoting whatever came:
//   - 400 becomes *platform.InvalidError, or *platform.ConflictError when a message says a value is taken
//     (a duplicate email);
//   - 404 becomes *platform.NotFoundError (the calling method fills Kind and ID);
//   - 409 becomes *platform.ConflictError;
//   - 401, 403 and 429 stay *platform.APIError, with a hint about what to do;
//   - anything else stays an *platform.APIError quoting the server.
//
// The token is cut out of the body first, in case a proxy or a debugging server echoes request headers.
func newErrorDecoder(token string) httpclient.ErrorDecoder {
	return func(apiErr *platform.APIError, resp *httpclient.Response) error {
		body := httpclient.RedactSecret(resp.Body, token)
		switch resp.Status {
		case http.StatusBadRequest:
			return validationError(apiErr, body)
		case http.StatusNotFound:
			apiErr.Message = serverMessage(body)
			return &platform.NotFoundError{Err: apiErr, Platform: Name}
		case http.StatusConflict:
			apiErr.Message = serverMessage(body)
			return &platform.ConflictError{Fields: []platform.FieldError{{Message: apiErr.Message}}, Err: apiErr}
		case http.StatusUnauthorized:
			apiErr.Message = withHint(serverMessage(body), "check the token: Secoda API keys are made in Settings -> API")
		case http.StatusForbidden:
			apiErr.Message = withHint(serverMessage(body), "an API key has the rights of the user who made it; managing members needs an Admin's key")
		case http.StatusTooManyRequests:
			apiErr.Message = withHint(serverMessage(body), fmt.Sprintf("Secoda allows %d writes per minute and the retries ran out; "+
				"lower the provider's writes_per_minute or raise max_retries", DefaultWritesPerMinute))
		default:
			apiErr.Message = serverMessage(body)
		}
		return apiErr
	}
}

func withHint(msg, hint string) string {
	if msg == "" {
		return hint
	}
	return msg + " (" + hint + ")"
}

// validationError decodes a 400: DRF's {field: [messages]}, a {"detail": ...} object, a JSON list, or
// something else entirely.
func validationError(apiErr *platform.APIError, body []byte) error {
	fields, quoted := parseValidationBody(body)
	if len(fields) == 0 {
		apiErr.Message = "Secoda rejected the request without saying why"
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
// wrote them ("role: ..."), for the APIError message.
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
		if key == "code" || key == "status_code" {
			continue // machine-readable codes next to the messages, not fields
		}
		attr, known := terraformAttribute[key]
		for _, msg := range flattenMessages(obj[key]) {
			if known {
				fields = append(fields, platform.FieldError{Field: attr, Message: msg})
			} else {
				// A field with no Terraform attribute: keep its name in the text rather than invent a path.
				fields = append(fields, platform.FieldError{Message: key + ": " + msg})
			}
			if attr == "" && known {
				quoted = append(quoted, msg)
			} else {
				quoted = append(quoted, key+": "+msg)
			}
		}
	}
	return fields, quoted
}

// flattenMessages collects the strings of a DRF error value: a string, a list of them, or nested lists and
// objects (errors about list items), which are prefixed with their key.
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

// isUniquenessMessage recognises Django's and DRF's wording for a taken unique value ("user with this
// email already exists.", "This field must be unique.") and the usual phrasings of an existing member.
func isUniquenessMessage(msg string) bool {
	lower := strings.ToLower(msg)
	for _, phrase := range []string{"already exists", "must be unique", "already in use", "already a member", "already been invited"} {
		if strings.Contains(lower, phrase) {
			return true
		}
	}
	return false
}

// serverMessage is the server's own explanation: the detail/error/message of a JSON error, otherwise the
// body itself, shortened.
func serverMessage(body []byte) string {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return ""
	}
	var generic map[string]any
	if json.Unmarshal(trimmed, &generic) == nil {
		for _, key := range []string{"detail", "error", "message"} {
			if s, ok := generic[key].(string); ok && s != "" {
				return s
			}
		}
	}
	return httpclient.ServerText(trimmed)
}

// notFound is the error of a lookup that found nothing. A listing that did not contain the object proves
// nothing until the server is known to be the platform's API, which ConfirmNotFound checks once.
func (c *Client) notFound(ctx context.Context, kind platform.Kind, key string) error {
	return c.http.ConfirmNotFound(ctx, &platform.NotFoundError{Kind: string(kind), ID: key})
}
