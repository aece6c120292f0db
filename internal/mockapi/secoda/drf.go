package secoda

import (
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Messages in the words Django REST framework uses (the common ones come from the kit). Secoda does not
// document its error bodies; its API is a DRF application (drf-spectacular schema at /api/schema/), so
// DRF's defaults are the best guess.
const (
	msgInvalidToken      = "Invalid token."
	msgTokenNoCredential = "Invalid token header. No credentials provided."
	msgTokenSpaces       = "Invalid token header. Token string should not contain spaces."
	msgInvalidEmail      = "Enter a valid email address."
	msgEmailTaken        = "user with this email already exists."
	msgGuestNeedsTeams   = "Guests must be added to at least one team."
)

// writeUnauthorized is DRF's NotAuthenticated/AuthenticationFailed with a bearer authentication class:
// 401 plus the challenge that makes it a 401 rather than a 403.
func writeUnauthorized(w http.ResponseWriter, detail string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
	mockapi.WriteDetail(w, http.StatusUnauthorized, detail)
}

// writeThrottled is DRF's Throttled: Retry-After in whole seconds, rounded up, and the wait in words.
func writeThrottled(w http.ResponseWriter, wait time.Duration) {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	w.Header().Set("Retry-After", fmt.Sprint(secs))
	unit := "seconds"
	if secs == 1 {
		unit = "second"
	}
	mockapi.WriteDetail(w, http.StatusTooManyRequests, fmt.Sprintf("Request was throttled. Expected available in %d %s.", secs, unit))
}

// writeRouteNotFound is Django's own 404 for a URL no view serves: an HTML page, not JSON, because the
// request never reaches DRF.
func writeRouteNotFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte("<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n"))
}
