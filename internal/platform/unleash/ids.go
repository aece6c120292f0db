package unleash

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
)

// Ids end up in URL paths or are matched against lists. They come from state or from `terraform import`, so a
// malformed one (a typo, an email pasted where an id belongs) is rejected with a message instead of being
// sent.

// parseNumericID returns the integer of a user or group id.
func parseNumericID(kind, id string) (int, error) {
	n, err := strconv.Atoi(id)
	if err != nil || n <= 0 || strconv.Itoa(n) != id {
		hint := "import by email with email=<email>"
		if kind == "group" {
			hint = "import by name with name=<name>"
		}
		return 0, fmt.Errorf("unleash %s ids are positive integers; got %q (to %s)", kind, id, hint)
	}
	return n, nil
}

// v2Selector matches a secure (v2) token secret, "<projects>:<env>.v2_<22-char selector>_<secret>". The
// selector identifies the token and is not a credential on its own (it does not authenticate).
var v2Selector = regexp.MustCompile(`\.v2_([A-Za-z0-9_-]{22})_`)

// selectorPattern is what a v2 token's id (and its list entry's "secret") looks like.
var selectorPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{22}$`)

// v1IDLength is how many hex digits of the secret's SHA-256 make a v1 token's id: 96 bits, so two tokens
// never share one, short enough to read in a plan.
const v1IDLength = 24

var v1IDPattern = regexp.MustCompile(`^[0-9a-f]{24}$`)

// secretPattern is the shape of a full token secret, <project|*|[]>:<environment>.<rest>.
var secretPattern = regexp.MustCompile(`^[^:\s]+:[^.\s]+\.\S+$`)

// tokenID is the stable, non-secret identity of a token, given the secret as the create response or a list
// shows it. A v1 token is identified by its secret, which is the credential itself, so its id is a hash of
// it; a v2 token is identified by its selector, which the list shows instead of the secret.
func tokenID(secret string) string {
	if m := v2Selector.FindStringSubmatch(secret); m != nil {
		return m[1]
	}
	if selectorPattern.MatchString(secret) {
		return secret // a v2 list entry carries only the selector
	}
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])[:v1IDLength]
}

// normalizeTokenID accepts a token id, or a full secret (an import by secret), and returns the id.
func normalizeTokenID(id string) (string, error) {
	switch {
	case v1IDPattern.MatchString(id), selectorPattern.MatchString(id):
		return id, nil
	case secretPattern.MatchString(id):
		return tokenID(id), nil
	}
	return "", fmt.Errorf("unleash API token ids are %d hex digits (roster derives them from the secret) or a 22-character selector; got %q (the token's secret is accepted too)", v1IDLength, id)
}
