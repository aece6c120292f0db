package tykaistudio

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Hints appended to the server's terse auth answers.
const (
	hintUnauthorized = "the token must be the current API key of a Tyk AI Studio user whose email is verified " +
		"(a key stops working as soon as it is rolled)"
	hintForbidden = "the token's user is not an admin; the /api/v1 routes need an admin's API key"
	// enterpriseReason is the UnsupportedError reason for a 402.
	enterpriseReason = "user groups (Teams) need Tyk AI Studio Enterprise Edition; this server runs the Community " +
		"Edition, where every user is in the built-in Default group only"
)

// newErrorDecoder turns Tyk AI Studio's error answers into the platform package's typed errors:
//   - 401/403 from the auth middleware ({"error": ...}) stay *platform.APIError, with a hint;
//   - 402 becomes *platform.UnsupportedError: group management needs the Enterprise Edition;
//   - 404, and a 5xx whose detail is GORM's "record not found", become *platform.NotFoundError (the
//     calling method fills Kind and ID);
//   - 400 becomes *platform.InvalidError, or *platform.ConflictError for a taken email or group name;
//   - a 500 refusing the email's domain (FILTER_SIGNUP_DOMAINS) becomes *platform.InvalidError on email.
//
// The token is cut out of the body first, in case a proxy or a debugging server echoes headers.
func newErrorDecoder(token string) httpclient.ErrorDecoder {
	return func(apiErr *platform.APIError, resp *httpclient.Response) error {
		body := httpclient.RedactSecret(resp.Body, token)
		apiErr.Message = serverMessage(body)
		detail := strings.ToLower(apiErr.Message)
		switch {
		case resp.Status == http.StatusUnauthorized:
			apiErr.Message = httpclient.AppendHint(apiErr.Message, hintUnauthorized)
		case resp.Status == http.StatusForbidden && isAuthBody(body):
			apiErr.Message = httpclient.AppendHint(apiErr.Message, hintForbidden)
		case resp.Status == http.StatusPaymentRequired:
			return &platform.UnsupportedError{
				Platform: Name,
				Feature:  platform.Feature{Kind: platform.KindUserGroup},
				Reason:   enterpriseReason + " (the server answered " + apiErr.Error() + ")",
			}
		case resp.Status == http.StatusNotFound:
			return &platform.NotFoundError{Err: apiErr, Platform: Name}
		case resp.Status >= 500 && strings.Contains(detail, "record not found"):
			return &platform.NotFoundError{Err: apiErr, Platform: Name}
		case resp.Status >= 500 && strings.Contains(detail, "is not permitted") && strings.Contains(detail, "email domain"):
			return &platform.InvalidError{Fields: []platform.FieldError{{Field: platform.FieldEmail, Message: apiErr.Message}}, Err: apiErr}
		case resp.Status == http.StatusBadRequest:
			return validationError(apiErr)
		}
		return apiErr
	}
}

// validationRule recognises one of the service layer's 400 messages.
type validationRule struct {
	contains string
	field    platform.Field
	conflict bool
}

var validationRules = []validationRule{
	{contains: "email is already in use", field: platform.FieldEmail, conflict: true},
	{contains: "group name already exists", field: platform.FieldName, conflict: true},
	{contains: "group name is required", field: platform.FieldName},
	{contains: "notifications can only be enabled for admin users", field: fieldNotificationsEnabled},
	{contains: "access to idp configuration can only be enabled for admin users", field: fieldAccessToSSOConfig},
}

// jsonFieldPattern finds the attribute in Go's decoding message, e.g.
// "json: cannot unmarshal string into Go struct field .data.attributes.is_admin of type bool".
var jsonFieldPattern = regexp.MustCompile(`data\.attributes\.([a-z_]+)`)

func validationError(apiErr *platform.APIError) error {
	detail := strings.ToLower(apiErr.Message)
	for _, rule := range validationRules {
		if strings.Contains(detail, rule.contains) {
			fields := []platform.FieldError{{Field: rule.field, Message: apiErr.Message}}
			if rule.conflict {
				return &platform.ConflictError{Fields: fields, Err: apiErr}
			}
			return &platform.InvalidError{Fields: fields, Err: apiErr}
		}
	}
	var field platform.Field
	if m := jsonFieldPattern.FindStringSubmatch(apiErr.Message); m != nil {
		field = wireFields[m[1]]
	}
	return &platform.InvalidError{Fields: []platform.FieldError{{Field: field, Message: apiErr.Message}}, Err: apiErr}
}

// errorBody covers both error shapes: the auth middleware's {"error": ...} and the handlers'
// {"errors":[{"title","detail"}]} (always one element).
type errorBody struct {
	Error  *string `json:"error"`
	Errors []struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
	} `json:"errors"`
}

// serverMessage is the server's own explanation. A list with a bad page parameter carries an error
// body followed by a data body, so only the first JSON value is read.
func serverMessage(body []byte) string {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return ""
	}
	var e errorBody
	if json.NewDecoder(bytes.NewReader(trimmed)).Decode(&e) == nil {
		if len(e.Errors) > 0 {
			if e.Errors[0].Detail != "" {
				return e.Errors[0].Detail
			}
			return e.Errors[0].Title
		}
		if e.Error != nil {
			return *e.Error
		}
	}
	return httpclient.ServerText(trimmed)
}

// isAuthBody tells the middleware's 403 ({"error":"Forbidden"}: not an admin) from a handler's 403
// (deleting the super admin), which needs no hint.
func isAuthBody(body []byte) bool {
	var e errorBody
	return json.Unmarshal(bytes.TrimSpace(body), &e) == nil && e.Error != nil
}
