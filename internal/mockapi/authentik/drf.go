package authentik

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Messages Django REST framework and authentik send, verbatim, beyond the kit's common ones.
const (
	msgNotADict         = "Value must be a dictionary, and not have any duplicate keys."
	msgInvalidEmail     = "Enter a valid email address."
	msgInvalidSlug      = `Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.`
	msgUnique           = "This field must be unique."
	msgTokenInvalid     = "Token invalid/expired"
	msgPathSlashes      = "No leading or trailing slashes allowed."
	msgPathEmptySegment = "No empty segments in user path allowed."
)

func msgIncorrectType(pythonType string) string {
	return "Incorrect type. Expected pk value, received " + pythonType + "."
}
func msgSelectValidChoice(v string) string {
	return "Select a valid choice. " + v + " is not one of the available choices."
}
func msgNotAValidValue(v string) string { return "“" + v + "” is not a valid value." }

// writeNoSuchObject is DRF's get_object_or_404 answer, e.g. "No Group matches the given query.".
func writeNoSuchObject(w http.ResponseWriter, model string) {
	mockapi.WriteDetail(w, http.StatusNotFound, "No "+model+" matches the given query.")
}
