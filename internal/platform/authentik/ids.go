package authentik

import (
	"fmt"
	"regexp"
	"strconv"
)

// Ids end up in URL paths. They come from state or from `terraform import`, so a malformed one (a typo, or a
// name pasted where an id belongs) is rejected with a message instead of being sent to a different path.

var (
	groupIDPattern    = regexp.MustCompile(`^[0-9a-fA-F-]{32,36}$`)
	identifierPattern = regexp.MustCompile(`^[-a-zA-Z0-9_]+$`)
)

// maxIdentifierLength is the token identifier's maxLength in the API schema.
const maxIdentifierLength = 255

func checkGroupID(id string) error {
	if !groupIDPattern.MatchString(id) {
		return fmt.Errorf("authentik group ids are uuids, such as 0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10; got %q (to import by name use name=<name>)", id)
	}
	return nil
}

// parseUserID returns the integer pk of a user id.
func parseUserID(id string) (int64, error) {
	pk, err := strconv.ParseInt(id, 10, 64)
	if err != nil || pk <= 0 {
		return 0, fmt.Errorf("authentik user ids are positive integers (the user's pk); got %q (to import by email use email=<email>)", id)
	}
	return pk, nil
}

func checkUserID(id string) error {
	_, err := parseUserID(id)
	return err
}

func isValidIdentifier(id string) bool {
	return len(id) >= 1 && len(id) <= maxIdentifierLength && identifierPattern.MatchString(id)
}

func checkTokenID(id string) error {
	if !isValidIdentifier(id) {
		return fmt.Errorf("authentik token ids are identifiers of 1-255 letters, digits, '-' and '_'; got %q", id)
	}
	return nil
}
