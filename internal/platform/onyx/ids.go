package onyx

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Group and key ids are integers; user ids on Onyx are lower-cased email addresses (the invitation
// has no other identity). Ids come from state or `terraform import`, so a malformed one is rejected
// with a message instead of being sent.

func parseID(id string) (int, bool) {
	n, err := strconv.Atoi(id)
	return n, err == nil && n > 0
}

func checkGroupID(id string) (int, error) {
	n, ok := parseID(id)
	if !ok {
		return 0, fmt.Errorf("group ids on Onyx are positive integers; got %q (to import a group by name use name=<name>)", id)
	}
	return n, nil
}

func checkKeyID(id string) (int, error) {
	n, ok := parseID(id)
	if !ok {
		return 0, fmt.Errorf("API key ids on Onyx are positive integers; got %q", id)
	}
	return n, nil
}

// userID is the neutral id of the user or invitation with that email.
func userID(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

func checkUserID(id string) error {
	if !looksLikeEmail(id) {
		return fmt.Errorf("user ids on Onyx are email addresses (a user is invited by email and has no other id before signing up); got %q", id)
	}
	return nil
}

func looksLikeEmail(s string) bool {
	at := strings.LastIndex(s, "@")
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t\r\n")
}

// serviceAccountDomain ends the synthetic address of an API key's user:
// API_KEY__<name>@<uuid>onyxapikey.ai.
const serviceAccountDomain = "onyxapikey.ai"

// isServiceAccount tells an API key's user from a person. The current generation says so in
// account_type; v4.6 does not report it, but the synthetic address is the same on both.
func isServiceAccount(m memberWire) bool {
	if m.AccountType == "SERVICE_ACCOUNT" {
		return true
	}
	return strings.HasPrefix(m.Email, "API_KEY__") && strings.HasSuffix(strings.ToLower(m.Email), serviceAccountDomain)
}

// parseIDs turns decimal ids into the numbers the API wants, sorted, without duplicates. nil stays
// nil; field names the attribute in the error.
func parseIDs(ids []string, field platform.Field) ([]int, error) {
	if ids == nil {
		return nil, nil
	}
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		n, ok := parseID(id)
		if !ok {
			return nil, fmt.Errorf("%s: ids are positive integers; got %q", field, id)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// formatIDs renders ids as sorted decimal strings; never nil.
func formatIDs(ids []int) []string {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	out := make([]string, len(sorted))
	for i, n := range sorted {
		out[i] = strconv.Itoa(n)
	}
	return out
}

// sortedSet returns the distinct strings, sorted; never nil.
func sortedSet(items []string) []string {
	out := slices.Clone(items)
	if out == nil {
		out = []string{}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func sameStrings(a, b []string) bool { return slices.Equal(sortedSet(a), sortedSet(b)) }

func sameInts(a, b []int) bool { return slices.Equal(formatIDs(a), formatIDs(b)) }

// normalizedEmail is the form in which Onyx stores an invited address: its email_validator lower-cases the
// domain and keeps the local part.
func normalizedEmail(email string) string {
	e := strings.TrimSpace(email)
	at := strings.LastIndex(e, "@")
	if at < 0 {
		return e
	}
	return e[:at+1] + strings.ToLower(e[at+1:])
}
