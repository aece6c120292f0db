package secoda

import (
	"crypto/subtle"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// authenticate checks "Authorization: Bearer <key>" the way DRF's keyword token authentication does:
// no header, or another scheme, is "not provided"; a bearer header without a key, or with spaces in
// it, is a malformed header; any other key but the admin's is invalid. Every failure is a 401.
func (s *Server) authenticate(header string) (failure string) {
	parts := strings.Fields(header)
	if len(parts) == 0 || !strings.EqualFold(parts[0], "bearer") {
		return mockapi.MsgNoCredentials
	}
	switch {
	case len(parts) == 1:
		return msgTokenNoCredential
	case len(parts) > 2:
		return msgTokenSpaces
	}
	if subtle.ConstantTimeCompare([]byte(parts[1]), []byte(s.AdminToken())) != 1 {
		return msgInvalidToken
	}
	return ""
}
