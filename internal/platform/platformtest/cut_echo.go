package platformtest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// CheckCutEcho fails when a token that an answer which is not JSON echoes across the message length limit
// shows in part in the decoded error. The transport masks secrets in errors too, but only whole ones: after
// the message is cut, the token's first characters are no secret it knows, so the decoder must cut the token
// out of the body before it shortens the text.
func CheckCutEcho(t *testing.T, decode httpclient.ErrorDecoder, token string) {
	t.Helper()
	const shown = 10 // characters of the token before the cut
	if len(token) <= shown {
		t.Fatalf("the token %q is too short to be cut", token)
	}
	body := strings.Repeat("x", httpclient.MaxMessageLength-shown-1) + " " + token + " echoed by a proxy"
	for _, status := range []int{http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusInternalServerError} {
		err := decode(&platform.APIError{Method: http.MethodGet, Path: "/x", Status: status},
			&httpclient.Response{Status: status, Header: http.Header{"Content-Type": {"text/plain"}}, Body: []byte(body)})
		texts := []string{err.Error()}
		for _, f := range platform.FieldErrorsOf(err) {
			texts = append(texts, f.Message)
		}
		for _, text := range texts {
			if strings.Contains(text, token[:shown]) {
				t.Errorf("%d: the first %d characters of the token show: %q", status, shown, text)
			}
		}
	}
}
