package secoda

import (
	"regexp"
	"strings"
)

var emailPattern = regexp.MustCompile(`^[^\s@"<>(),;:\\\[\]]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$`)

// validEmail approximates Django's EmailValidator for the addresses a workspace can invite: a local
// part and a domain with a top-level domain.
func validEmail(s string) bool { return len(s) <= 254 && emailPattern.MatchString(s) }

// normalizeEmail lowercases the domain, as Django's user manager does; the local part is kept as sent.
func normalizeEmail(s string) string {
	at := strings.LastIndex(s, "@")
	if at < 0 {
		return s
	}
	return s[:at+1] + strings.ToLower(s[at+1:])
}

// foldEmail is the key emails are unique by: Secoda treats addresses that differ only in case as the
// same person [inferred; the API does not say].
func foldEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
