package secoda

import (
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Messages in the words Django REST framework uses. Secoda does not document its error bodies; its API
// is a DRF application (drf-spectacular schema at /api/schema/), so DRF's defaults are the best guess.
const (
	msgNoCredentials     = "Authentication credentials were not provided."
	msgInvalidToken      = "Invalid token."
	msgTokenNoCredential = "Invalid token header. No credentials provided."
	msgTokenSpaces       = "Invalid token header. Token string should not contain spaces."
	msgNotFound          = "Not found."
	msgInvalidPage       = "Invalid page."
	msgRequired          = "This field is required."
	msgBlank             = "This field may not be blank."
	msgNull              = "This field may not be null."
	msgNotAString        = "Not a valid string."
	msgInvalidEmail      = "Enter a valid email address."
	msgEmailTaken        = "user with this email already exists."
	msgGuestNeedsTeams   = "Guests must be added to at least one team."
)

func msgInvalidChoice(v string) string { return fmt.Sprintf("%q is not a valid choice.", v) }
func msgDoesNotExist(pk string) string {
	return fmt.Sprintf("Invalid pk %q - object does not exist.", pk)
}
func msgNotAUUID(v string) string { return "“" + v + "” is not a valid UUID." }
func msgNotAList(pythonType string) string {
	return fmt.Sprintf("Expected a list of items but got type %q.", pythonType)
}

// fieldErrors is DRF's validation error body: field name -> messages.
type fieldErrors map[string][]string

func (e fieldErrors) add(field, msg string) { e[field] = append(e[field], msg) }

func writeValidationErrors(w http.ResponseWriter, errs fieldErrors) {
	mockapi.WriteJSON(w, http.StatusBadRequest, errs)
}

func writeDetail(w http.ResponseWriter, status int, detail string) {
	mockapi.WriteJSON(w, status, map[string]string{"detail": detail})
}

// writeUnauthorized is DRF's NotAuthenticated/AuthenticationFailed with a bearer authentication class:
// 401 plus the challenge that makes it a 401 rather than a 403.
func writeUnauthorized(w http.ResponseWriter, detail string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
	writeDetail(w, http.StatusUnauthorized, detail)
}

func writeMethodNotAllowed(w http.ResponseWriter, method string) {
	writeDetail(w, http.StatusMethodNotAllowed, fmt.Sprintf("Method %q not allowed.", method))
}

// writeThrottled is DRF's Throttled: Retry-After in whole seconds, rounded up, and the wait in words.
func writeThrottled(w http.ResponseWriter, wait time.Duration) {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	w.Header().Set("Retry-After", fmt.Sprint(secs))
	unit := "seconds"
	if secs == 1 {
		unit = "second"
	}
	writeDetail(w, http.StatusTooManyRequests, fmt.Sprintf("Request was throttled. Expected available in %d %s.", secs, unit))
}

// writeRouteNotFound is Django's own 404 for a URL no view serves: an HTML page, not JSON, because the
// request never reaches DRF.
func writeRouteNotFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte("<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n"))
}
