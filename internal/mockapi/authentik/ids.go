package authentik

import (
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// installID stands in for authentik's per-installation id, which salts user uids. A constant keeps
// uids stable across mock restarts, so golden values in tests do not drift.
const installID = "5d1c6a2e-roster-mock-install"

// canonicalUUID accepts what Python's uuid.UUID accepts (any case, with or without hyphens,
// braces or a urn:uuid: prefix) and returns the lower-case hyphenated form authentik stores.
func canonicalUUID(s string) (string, bool) {
	s = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "urn:uuid:")
	return mockapi.CanonicalUUID(strings.Trim(s, "{}"))
}

const keyAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newTokenKey returns 60 random alphanumerics, the shape of authentik's generated token keys.
func newTokenKey() string { return mockapi.RandomString(keyAlphabet, 60) }

// numPK is authentik's Group.num_pk: the first five decimal digits of the uuid's integer value.
func numPK(uuid string) int {
	raw, _ := hex.DecodeString(strings.ReplaceAll(uuid, "-", ""))
	digits := new(big.Int).SetBytes(raw).String()
	if len(digits) > 5 {
		digits = digits[:5]
	}
	n, _ := strconv.Atoi(digits)
	return n
}

// userUID is authentik's User.uid: sha256 of "<pk>-<install id>" in hex.
func userUID(pk int) string {
	sum := sha256.Sum256([]byte(strconv.Itoa(pk) + "-" + installID))
	return hex.EncodeToString(sum[:])
}
