package authentik

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
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
			return validation.Error(apiErr, body)
		case http.StatusNotFound:
			apiErr.Message = serverMessage(body)
			return &platform.NotFoundError{Err: apiErr, Platform: Name}
		default:
			apiErr.Message = serverMessage(body)
			return apiErr
		}
	}
}

// validation decodes a 400. authentik answers with {field: [messages]}, with non_field_errors for whole-object
// problems, with a JSON list for a malformed filter, and with an empty body when set_password is refused by a
// password policy. Django's and DRF's wording for a taken unique value ("Group with this name already
// exists.", "This field must be unique.") makes it a conflict.
var validation = apiutil.DRF{
	Fields: apiFields,
	Codes:  []string{"code"},
	Silent: "authentik rejected the request without saying why (an empty answer usually means a policy, such as the password policy, refused it)",
	Taken:  []string{"already exists", "must be unique"},
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
