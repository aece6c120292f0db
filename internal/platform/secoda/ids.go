package secoda

import (
	"fmt"
	"regexp"
)

// Ids end up in URL paths. They come from state or from `terraform import`, so a malformed one (a typo, or
// a name pasted where an id belongs) is rejected with a message instead of being sent to another path.

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$`)

func isUUID(id string) bool { return uuidPattern.MatchString(id) }

func checkGroupID(id string) error {
	if !isUUID(id) {
		return fmt.Errorf("secoda group ids are uuids, such as 0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10; got %q (to import by name use name=<name>)", id)
	}
	return nil
}

func checkUserID(id string) error {
	if !isUUID(id) {
		return fmt.Errorf("secoda user ids are uuids, such as 0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10; got %q (to import by email use email=<email>)", id)
	}
	return nil
}
