package unleash

import (
	"bytes"
	"encoding/json"
	"errors"
	"html"
	"net/http"
	"regexp"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// errorBody is Unleash's error: {id?, name, message, details[]}. id is only there on errors raised by
// middleware (auth, unknown route, schema validation); a 403 for the wrong token kind has only message.
type errorBody struct {
	ID      string        `json:"id"`
	Name    string        `json:"name"`
	Message string        `json:"message"`
	Details []errorDetail `json:"details"`
	// Error is Express's own error rendering (malformed JSON answered to a client that accepts JSON).
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

type errorDetail struct {
	Path             string   `json:"path"`
	Message          string   `json:"message"`
	ValidationErrors []string `json:"validationErrors"`
}

// genericValidation starts the message of every 400; the useful part is in details.
const genericValidation = "Request validation failed"

// oneOfNoise is ajv's echo of another complaint about a oneOf schema; it only repeats the real problem.
const oneOfNoise = "must match exactly one schema in oneOf"

// newErrorDecoder turns Unleash's error answers into the platform package's typed errors:
//   - 400 becomes *platform.InvalidError with per-attribute messages, or *platform.ConflictError for
//     "User already exists" (Unleash reports a duplicate email as a 400);
//   - 404 becomes *platform.NotFoundError (the caller fills Kind and ID, and tells an unknown route apart);
//   - 409 (a group name taken) and a 500 whose database message says "duplicate key" (a username or email
//     taken) become *platform.ConflictError; a 500 for a broken foreign key (an unknown project with secure
//     token storage) becomes *platform.InvalidError;
//   - anything else (401, 403, 415, 429, other 5xx) stays an *platform.APIError quoting the server.
//
// The token is cut out of the body first, in case a proxy or a debugging server ever echoes headers.
func newErrorDecoder(token string) httpclient.ErrorDecoder {
	return func(apiErr *platform.APIError, resp *httpclient.Response) error {
		body := httpclient.RedactSecret(resp.Body, token)
		eb, isJSON := parseErrorBody(body)
		apiErr.Message = serverMessage(eb, isJSON, body)
		switch {
		case resp.Status == http.StatusNotFound:
			return &platform.NotFoundError{Err: apiErr, Platform: Name}
		case resp.Status == http.StatusBadRequest:
			fields := fieldErrorsOf(eb, isJSON, apiErr.Message)
			for _, d := range eb.Details {
				if d.Message == "User already exists" {
					return &platform.ConflictError{Fields: fields, Err: apiErr}
				}
			}
			return &platform.InvalidError{Fields: fields, Err: apiErr}
		case resp.Status == http.StatusConflict:
			return &platform.ConflictError{Fields: []platform.FieldError{{Field: platform.FieldName, Message: apiErr.Message}}, Err: apiErr}
		case resp.Status >= 500 && strings.Contains(eb.Message, "duplicate key"):
			return &platform.ConflictError{Fields: []platform.FieldError{duplicateKeyField(eb.Message)}, Err: apiErr}
		case resp.Status >= 500 && strings.Contains(eb.Message, "violates foreign key constraint"):
			// Secure token storage reports an unknown project this way instead of a 400.
			return &platform.InvalidError{Fields: []platform.FieldError{foreignKeyField(eb.Message, apiErr.Message)}, Err: apiErr}
		}
		return apiErr
	}
}

func parseErrorBody(body []byte) (errorBody, bool) {
	var eb errorBody
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' || json.Unmarshal(trimmed, &eb) != nil {
		return errorBody{}, false
	}
	return eb, true
}

// serverMessage is the server's own explanation: the details of a validation error (the message itself only
// says "validation failed"), the tail of a database error (not the SQL), the message otherwise, or the text of
// a body that is not JSON.
func serverMessage(eb errorBody, isJSON bool, body []byte) string {
	if !isJSON {
		return plainText(body)
	}
	if strings.HasPrefix(eb.Message, genericValidation) && len(eb.Details) > 0 {
		var parts []string
		for _, d := range usefulDetails(eb.Details) {
			parts = append(parts, d.Message)
		}
		return strings.Join(parts, "; ")
	}
	if eb.Message == "" && eb.Error != nil {
		return httpclient.TruncateMessage(eb.Error.Message)
	}
	if eb.Name == "UnknownError" {
		// "insert into users (...) values (...) - duplicate key value violates ..." : keep pg's complaint.
		if i := strings.LastIndex(eb.Message, " - "); i >= 0 {
			return eb.Message[i+3:]
		}
	}
	return httpclient.TruncateMessage(eb.Message)
}

// usefulDetails drops ajv's oneOf echo when something more specific is there.
func usefulDetails(details []errorDetail) []errorDetail {
	var out []errorDetail
	for _, d := range details {
		if !strings.Contains(d.Message, oneOfNoise) {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return details
	}
	return out
}

// fieldErrorsOf pins each complaint of a 400 on a Terraform attribute: by its path ("/body/email", or bare
// "rootRole"), else by the wording of service errors, else on the whole object.
func fieldErrorsOf(eb errorBody, isJSON bool, fallback string) []platform.FieldError {
	if !isJSON || len(eb.Details) == 0 {
		return []platform.FieldError{{Message: fallback}}
	}
	var fields []platform.FieldError
	for _, d := range usefulDetails(eb.Details) {
		if len(d.ValidationErrors) > 0 {
			// OwaspValidationError lists every rule the password broke.
			for _, msg := range d.ValidationErrors {
				fields = append(fields, platform.FieldError{Field: platform.FieldPassword, Message: msg})
			}
			continue
		}
		fields = append(fields, fieldError(d))
	}
	return fields
}

func fieldError(d errorDetail) platform.FieldError {
	if d.Path != "" {
		key := strings.TrimPrefix(d.Path, "/body")
		key = strings.TrimPrefix(key, "/")
		key, _, _ = strings.Cut(key, "/") // "/body/users/0/user/id" is about users
		if attr, ok := apiFields[key]; ok {
			return platform.FieldError{Field: attr, Message: d.Message}
		}
		return platform.FieldError{Message: d.Message}
	}
	for _, m := range serviceMessageFields {
		if strings.HasPrefix(d.Message, m.prefix) {
			return platform.FieldError{Field: m.field, Message: d.Message}
		}
	}
	return platform.FieldError{Message: d.Message}
}

// duplicateKeyField names the attribute whose unique constraint a database error reports.
func duplicateKeyField(message string) platform.FieldError {
	switch {
	case strings.Contains(message, "users_username_key"):
		return platform.FieldError{Field: fieldUsername, Message: "another Unleash user already has this username"}
	case strings.Contains(message, "users_email_key"):
		return platform.FieldError{Field: platform.FieldEmail, Message: "another Unleash user already has this email"}
	}
	return platform.FieldError{Message: "the value is already taken"}
}

// foreignKeyField names the attribute whose reference a database error says does not exist.
func foreignKeyField(dbMessage, message string) platform.FieldError {
	switch {
	case strings.Contains(dbMessage, "project_fkey"):
		return platform.FieldError{Field: fieldProjects, Message: "a project does not exist: " + message}
	case strings.Contains(dbMessage, "environment_fkey"):
		return platform.FieldError{Field: fieldEnvironment, Message: "the environment does not exist: " + message}
	}
	return platform.FieldError{Message: message}
}

var (
	htmlTitle = regexp.MustCompile(`(?is)<title>(.*?)</title>`)
	htmlTag   = regexp.MustCompile(`(?s)<[^>]*>`)
)

// plainText makes a non-JSON body readable: Express's error page says everything in its <title> (its body
// has a stack trace with server paths, which is of no use to a Terraform user); other HTML loses its tags.
func plainText(body []byte) string {
	s := string(bytes.TrimSpace(body))
	if m := htmlTitle.FindStringSubmatch(s); m != nil {
		s = m[1]
	} else if strings.HasPrefix(s, "<") {
		s = htmlTag.ReplaceAllString(s, " ")
	}
	return httpclient.ServerText([]byte(html.UnescapeString(s)))
}

// isRouteNotFound tells Unleash's "no such route" 404 ("The path you were looking for (...) is not
// available.") from "no such object" ("No user found", "Could not find group with id 7").
func isRouteNotFound(err error) bool {
	var nf *platform.NotFoundError
	return errors.As(err, &nf) && nf.Err != nil && strings.Contains(nf.Err.Message, "is not available")
}

// certain unwraps a conflict or a validation failure from the *platform.AmbiguousError httpclient puts
// around every 5xx to a POST: a unique or foreign-key violation means the insert certainly failed, so there
// is nothing to adopt and no point in trying again.
func certain(err error) error {
	if !platform.IsAmbiguous(err) {
		return err
	}
	var conflict *platform.ConflictError
	if errors.As(err, &conflict) {
		return conflict
	}
	var invalid *platform.InvalidError
	if errors.As(err, &invalid) {
		return invalid
	}
	return err
}

// renameField points field errors about one attribute at another (a group's rootRole is not a user's role).
func renameField(err error, from, to platform.Field) error {
	fields := platform.FieldErrorsOf(err) // the error's own slice: renaming in place changes the error
	for i := range fields {
		if fields[i].Field == from {
			fields[i].Field = to
		}
	}
	return err
}
