package authentik

import (
	"fmt"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Messages Django REST framework and authentik send, verbatim.
const (
	msgRequired         = "This field is required."
	msgBlank            = "This field may not be blank."
	msgNull             = "This field may not be null."
	msgNotAString       = "Not a valid string."
	msgNotABool         = "Must be a valid boolean."
	msgNotAnInt         = "A valid integer is required."
	msgNotADict         = "Value must be a dictionary, and not have any duplicate keys."
	msgInvalidEmail     = "Enter a valid email address."
	msgInvalidSlug      = `Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.`
	msgUnique           = "This field must be unique."
	msgNoCredentials    = "Authentication credentials were not provided."
	msgTokenInvalid     = "Token invalid/expired"
	msgInvalidPage      = "Invalid page."
	msgNotFound         = "Not found."
	msgPathSlashes      = "No leading or trailing slashes allowed."
	msgPathEmptySegment = "No empty segments in user path allowed."
)

func msgMaxLength(n int) string {
	return fmt.Sprintf("Ensure this field has no more than %d characters.", n)
}
func msgInvalidChoice(v string) string {
	return fmt.Sprintf("%q is not a valid choice.", v)
}
func msgDoesNotExist(pk string) string {
	return fmt.Sprintf("Invalid pk %q - object does not exist.", pk)
}
func msgIncorrectType(pythonType string) string {
	return "Incorrect type. Expected pk value, received " + pythonType + "."
}
func msgNotAList(pythonType string) string {
	return fmt.Sprintf("Expected a list of items but got type %q.", pythonType)
}
func msgNotAUUID(v string) string { return "“" + v + "” is not a valid UUID." }
func msgSelectValidChoice(v string) string {
	return "Select a valid choice. " + v + " is not one of the available choices."
}
func msgNotAValidValue(v string) string { return "“" + v + "” is not a valid value." }

// fieldErrors is DRF's validation error body: field name -> messages, whole-object problems under
// non_field_errors.
type fieldErrors map[string][]string

func (e fieldErrors) add(field, msg string) { e[field] = append(e[field], msg) }
func (e fieldErrors) has(field string) bool { return len(e[field]) > 0 }

const nonFieldErrors = "non_field_errors"

func writeValidationErrors(w http.ResponseWriter, errs fieldErrors) {
	mockapi.WriteJSON(w, http.StatusBadRequest, errs)
}

func writeDetail(w http.ResponseWriter, status int, detail string) {
	mockapi.WriteJSON(w, status, map[string]string{"detail": detail})
}

// writeNoSuchObject is DRF's get_object_or_404 answer, e.g. "No Group matches the given query.".
func writeNoSuchObject(w http.ResponseWriter, model string) {
	writeDetail(w, http.StatusNotFound, "No "+model+" matches the given query.")
}

func writeMethodNotAllowed(w http.ResponseWriter, method string) {
	writeDetail(w, http.StatusMethodNotAllowed, fmt.Sprintf("Method %q not allowed.", method))
}
