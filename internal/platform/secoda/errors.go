package secoda

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
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
			return validation.Error(apiErr, body)
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

// validation decodes a 400: DRF's {field: [messages]}, a {"detail": ...} object, a JSON list, or something
// else entirely. Django's and DRF's wording for a taken unique value ("user with this email already
// exists.", "This field must be unique.") and the usual phrasings of an existing member make it a conflict.
var validation = apiutil.DRF{
	Fields: apiFields,
	Codes:  []string{"code", "status_code"},
	Silent: "Secoda rejected the request without saying why",
	Taken:  []string{"already exists", "must be unique", "already in use", "already a member", "already been invited"},
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
