package tykaistudio

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Ids end up in URL paths and in JSON number arrays. They come from state or from `terraform import`,
// so a malformed one (a typo, or an email pasted where an id belongs) is rejected with a message
// instead of being sent. The server parses path ids as uint32; 0 never names an object.

func parseID(id string) (uint32, bool) {
	n, err := strconv.ParseUint(id, 10, 32)
	if err != nil || n == 0 {
		return 0, false
	}
	return uint32(n), true
}

func checkUserID(id string) error {
	if _, ok := parseID(id); !ok {
		return fmt.Errorf("user ids on Tyk AI Studio are positive integers; got %q (to import a user by email use email=<email>)", id)
	}
	return nil
}

func checkGroupID(id string) error {
	if _, ok := parseID(id); !ok {
		return fmt.Errorf("group ids on Tyk AI Studio are positive integers; got %q (to import a group by name use name=<name>)", id)
	}
	return nil
}

// checkKeyID checks a roster_api_key id, which on Tyk AI Studio is the id of the key's user.
func checkKeyID(id string) error {
	if _, ok := parseID(id); !ok {
		return fmt.Errorf("a Tyk AI Studio API key's id is the id of its user (a positive integer); got %q", id)
	}
	return nil
}

// parseIDs turns decimal ids into the JSON numbers the API wants, without duplicates. nil stays nil.
func parseIDs(ids []string) ([]uint32, error) {
	if ids == nil {
		return nil, nil
	}
	out := make([]uint32, 0, len(ids))
	for _, id := range ids {
		n, ok := parseID(id)
		if !ok {
			return nil, fmt.Errorf("ids are positive integers; got %q", id)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// formatIDs renders numeric ids as sorted decimal strings; the result is never nil.
func formatIDs(ids []uint32) []string {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	out := make([]string, len(sorted))
	for i, n := range sorted {
		out[i] = strconv.FormatUint(uint64(n), 10)
	}
	return out
}

// sortIDStrings orders decimal ids numerically, the way Read reports them; it returns a new slice,
// never nil.
func sortIDStrings(ids []string) []string {
	out := slices.Clone(ids)
	if out == nil {
		out = []string{}
	}
	slices.SortFunc(out, func(a, b string) int {
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(out)
}
