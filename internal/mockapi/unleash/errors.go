package unleash

import (
	"fmt"
	"html"
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// apiError is Unleash's error body. Errors raised by middleware (authentication, route matching, content
// type, OpenAPI validation) carry a fresh id; errors raised by a service go through handleErrors, which drops
// it. The optional fields only appear on the errors that have them.
type apiError struct {
	ID      string   `json:"id,omitempty"`
	Name    string   `json:"name"`
	Message string   `json:"message"`
	Details []detail `json:"details"`
	// AuthenticationRequired tells the UI where to log in.
	Path          string `json:"path,omitempty"`
	Type          string `json:"type,omitempty"`
	DefaultHidden *bool  `json:"defaultHidden,omitempty"`
}

type detail struct {
	Path             string   `json:"path,omitempty"`
	Message          string   `json:"message"`
	ValidationErrors []string `json:"validationErrors,omitempty"`
}

const (
	msgValidationFailed = "Request validation failed: your request body or params contain invalid data"
	msgReferToDetails   = msgValidationFailed + ". Refer to the `details` list for more information."
	msgMustLogIn        = "You must log in to use Unleash."
	msgNoAuthHeader     = msgMustLogIn + " Your request had no authorization header, so we could not authorize you. Try logging in at /auth/simple/login"
	msgNoUser           = "No user found"
)

// writeServiceError answers like handleErrors: no id, details holding the message once.
func writeServiceError(w http.ResponseWriter, status int, name, message string) {
	mockapi.WriteJSON(w, status, apiError{Name: name, Message: message, Details: []detail{{Message: message}}})
}

// badData is a BadDataError from a service: the reason is appended to the generic text.
func badData(w http.ResponseWriter, reason string) {
	mockapi.WriteJSON(w, http.StatusBadRequest, apiError{
		Name: "BadDataError", Message: msgValidationFailed + ": " + reason, Details: []detail{{Message: reason}},
	})
}

// joiError is a Joi assertion inside a service (the email check): generic text, the Joi message in details.
func joiError(w http.ResponseWriter, message string) {
	mockapi.WriteJSON(w, http.StatusBadRequest, apiError{
		Name: "BadDataError", Message: msgReferToDetails, Details: []detail{{Message: message}},
	})
}

// schemaError is the OpenAPI request validation: an id, and one detail per violation with its path.
func schemaError(w http.ResponseWriter, details ...detail) {
	mockapi.WriteJSON(w, http.StatusBadRequest, apiError{
		ID: mockapi.NewUUID(), Name: "BadDataError", Message: msgReferToDetails, Details: details,
	})
}

func requiredProperty(path string) detail {
	return detail{Path: path, Message: fmt.Sprintf("The `%s` property is required. It was not present on the data you sent.", path)}
}

func additionalProperty(key string) detail {
	return detail{Path: "/body/" + key, Message: fmt.Sprintf(
		"The `/body` object of the request body does not allow additional properties. Your request included the `/body/%s` property.", key)}
}

func wrongType(path, want string, got any) detail {
	return detail{Path: path, Message: fmt.Sprintf("The `%s` property must be %s. You sent %s.", path, want, jsonText(got))}
}

func routeNotFound(w http.ResponseWriter, path string) {
	msg := fmt.Sprintf("The path you were looking for (%s) is not available.", path)
	mockapi.WriteJSON(w, http.StatusNotFound, apiError{ID: mockapi.NewUUID(), Name: "NotFoundError", Message: msg, Details: []detail{{Message: msg}}})
}

func notFound(w http.ResponseWriter, message string) {
	writeServiceError(w, http.StatusNotFound, "NotFoundError", message)
}

// unknownError is what a database error becomes: a 500 whose message is the failed SQL and pg's complaint.
func unknownError(w http.ResponseWriter, message string) {
	writeServiceError(w, http.StatusInternalServerError, "UnknownError", message)
}

func authenticationRequired(w http.ResponseWriter) {
	hidden := false
	mockapi.WriteJSON(w, http.StatusUnauthorized, apiError{
		ID: mockapi.NewUUID(), Name: "AuthenticationRequired", Message: msgNoAuthHeader, Details: []detail{{Message: msgNoAuthHeader}},
		Path: "/auth/simple/login", Type: "password", DefaultHidden: &hidden,
	})
}

func unauthorized(w http.ResponseWriter) {
	mockapi.WriteJSON(w, http.StatusUnauthorized, apiError{
		ID: mockapi.NewUUID(), Name: "UnauthorizedError", Message: msgMustLogIn, Details: []detail{{Message: msgMustLogIn}},
	})
}

func contentTypeError(w http.ResponseWriter, got string) {
	provided := got
	if provided == "" {
		provided = "you didn't provide one"
	}
	msg := fmt.Sprintf("We do not accept the content-type you provided (%s). Try using one of the content-types we do accept instead (application/json) and make sure the body is in the corresponding format.", provided)
	mockapi.WriteJSON(w, http.StatusUnsupportedMediaType, apiError{ID: mockapi.NewUUID(), Name: "ContentTypeError", Message: msg, Details: []detail{{Message: msg}}})
}

// malformedJSON is body-parser's error as Express's default error handler renders it, which negotiates on
// Accept: JSON ({"error": {...}}) for clients asking for JSON, else an HTML page (plain text when asked).
func malformedJSON(w http.ResponseWriter, r *http.Request, cause string, raw []byte) {
	message := cause
	stack := "SyntaxError: " + message + "\n    at JSON.parse (<anonymous>)"
	switch accept := r.Header.Get("Accept"); {
	case strings.Contains(accept, "application/json") && !strings.HasPrefix(accept, "text/html") && !strings.HasPrefix(accept, "*/*"):
		mockapi.WriteJSON(w, http.StatusBadRequest, map[string]any{"error": map[string]any{
			"message": message, "stack": stack, "expose": true, "statusCode": 400, "status": 400,
			"body": string(raw), "type": "entity.parse.failed",
		}})
	case strings.HasPrefix(accept, "text/plain"):
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprintln(w, stack)
	default:
		text := html.EscapeString("SyntaxError: " + message)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprintf(w, "<html>\n  <head>\n    <meta charset='utf-8'> \n    <title>%s</title>\n  </head>\n  <body>\n    <div id=\"wrapper\">\n      <h1>Connect</h1>\n      <h2><em>400</em> %s</h2>\n    </div>\n  </body>\n</html>\n", text, text)
	}
}
