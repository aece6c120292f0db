package authentik

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// installID stands in for authentik's per-installation id, which salts user uids. A constant keeps
// uids stable across mock restarts, so golden values in tests do not drift.
const installID = "5d1c6a2e-roster-mock-install"

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// canonicalUUID accepts what Python's uuid.UUID accepts (any case, with or without hyphens,
// braces or a urn:uuid: prefix) and returns the lower-case hyphenated form authentik stores.
func canonicalUUID(s string) (string, bool) {
	s = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "urn:uuid:")
	s = strings.Trim(s, "{}")
	s = strings.ReplaceAll(s, "-", "")
	if len(s) != 32 {
		return "", false
	}
	if _, err := hex.DecodeString(s); err != nil {
		return "", false
	}
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32], true
}

const keyAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newTokenKey returns 60 random alphanumerics, the shape of authentik's generated token keys.
func newTokenKey() string {
	out := make([]byte, 60)
	limit := big.NewInt(int64(len(keyAlphabet)))
	for i := range out {
		n, err := rand.Int(rand.Reader, limit)
		if err != nil {
			panic(fmt.Sprintf("crypto/rand failed: %v", err))
		}
		out[i] = keyAlphabet[n.Int64()]
	}
	return string(out)
}

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
