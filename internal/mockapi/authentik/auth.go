package authentik

import (
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// authenticate finds the caller behind "Authorization: Bearer <key>". A missing or non-bearer
// header means no credentials; a key that is unknown, not of intent api, expired (and expiring) or
// owned by an inactive user is "Token invalid/expired". Both are 403: authentik never sends 401
// because its auth class has no WWW-Authenticate challenge. Runs under the lock.
func (s *Server) authenticate(r *http.Request) (caller *user, failure string) {
	key, present := bearerKey(r.Header.Get("Authorization"))
	if !present {
		return nil, mockapi.MsgNoCredentials
	}
	if key == "" {
		return nil, "Malformed header"
	}
	now := s.clock()
	for _, t := range s.st.tokens.Rows() {
		if t.key != key {
			continue
		}
		if t.intent != intentAPI || (t.expiring && t.expires != nil && !t.expires.After(now)) {
			return nil, msgTokenInvalid
		}
		u := s.st.users.Get(t.user)
		if u == nil || !u.isActive {
			return nil, msgTokenInvalid
		}
		return u, ""
	}
	return nil, msgTokenInvalid
}

// bearerKey splits "Bearer <key>". present is false when there is no bearer header at all, which
// authentik treats as anonymous rather than as a bad token.
func bearerKey(header string) (key string, present bool) {
	header = strings.TrimSpace(header)
	scheme, rest, found := strings.Cut(header, " ")
	if !found || !strings.EqualFold(scheme, "bearer") {
		return "", false
	}
	return strings.TrimSpace(rest), true
}
