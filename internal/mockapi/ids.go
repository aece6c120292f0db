package mockapi

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// NewUUID returns a random version 4 UUID, lower-case and hyphenated.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return hyphenate(hex.EncodeToString(b[:]))
}

// CanonicalUUID accepts 32 hex digits in any case, with or without hyphens (what Django's UUIDField
// accepts), and returns the lower-case hyphenated form; platforms that accept more (braces, a urn:
// prefix) strip it first.
func CanonicalUUID(s string) (string, bool) {
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "")
	if len(s) != 32 {
		return "", false
	}
	if _, err := hex.DecodeString(s); err != nil {
		return "", false
	}
	return hyphenate(s), true
}

func hyphenate(h string) string {
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// RandomString returns n characters drawn uniformly from alphabet (at most 256 bytes long), for keys
// in a platform's format.
func RandomString(alphabet string, n int) string {
	out := make([]byte, 0, n)
	limit := 256 - 256%len(alphabet) // bytes at or above it would favour the first characters
	var b [1]byte
	for len(out) < n {
		_, _ = rand.Read(b[:])
		if int(b[0]) < limit {
			out = append(out, alphabet[int(b[0])%len(alphabet)])
		}
	}
	return string(out)
}
