package secoda

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"
)

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// canonicalUUID accepts what Django's UUIDField accepts (any case, with or without hyphens) and returns
// the lowercase hyphenated form the API renders.
func canonicalUUID(s string) (string, bool) {
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "")
	if len(s) != 32 {
		return "", false
	}
	if _, err := hex.DecodeString(s); err != nil {
		return "", false
	}
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32], true
}

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
