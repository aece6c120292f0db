package authentik

import (
	"net/http"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

var tokenOrdering = map[string]comparator[*token]{
	"identifier":  func(a, b *token) int { return compareFold(a.identifier, b.identifier) },
	"intent":      func(a, b *token) int { return strings.Compare(a.intent, b.intent) },
	"user":        func(a, b *token) int { return a.user - b.user },
	"description": func(a, b *token) int { return compareFold(a.description, b.description) },
	"expires":     func(a, b *token) int { return timeCompare(a.expires, b.expires) },
	"expiring":    func(a, b *token) int { return boolCompare(a.expiring, b.expiring) },
	"pk":          func(a, b *token) int { return strings.Compare(a.uuid, b.uuid) },
}

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request, caller *user) {
	errs := mockapi.FieldErrors{}
	intent, byIntent := exactFilter(r, "intent")
	if byIntent && !slices.Contains(intents, intent) {
		errs.Add("intent", msgSelectValidChoice(intent))
	}
	expiresRaw, byExpires := exactFilter(r, "expires")
	expires, validExpires := parseDateTime(expiresRaw)
	if byExpires && !validExpires {
		errs.Add("expires", "Enter a valid date/time.")
	}
	if len(errs) > 0 {
		mockapi.WriteFieldErrors(w, errs)
		return
	}
	exact := map[string]string{}
	for _, name := range []string{"identifier", "user__username", "description", "managed"} {
		if v, ok := exactFilter(r, name); ok {
			exact[name] = v
		}
	}
	expiring, byExpiring := boolFilter(r, "expiring")
	terms := searchTerms(r)

	var out []*token
	for _, t := range s.st.tokens.Rows() {
		if !s.tokenVisible(t, caller) {
			continue
		}
		username := ""
		if u := s.st.users.Get(t.user); u != nil {
			username = u.username
		}
		managed := ""
		if t.managed != nil {
			managed = *t.managed
		}
		fields := map[string]string{"identifier": t.identifier, "user__username": username, "description": t.description, "managed": managed}
		if !exactMatch(fields, exact) ||
			byIntent && t.intent != intent ||
			byExpiring && t.expiring != expiring ||
			byExpires && (t.expires == nil || !t.expires.Equal(expires)) ||
			!matchesSearch(terms, t.identifier, t.intent, username, t.description) {
			continue
		}
		out = append(out, t)
	}
	sortForListing(out, r, tokenOrdering, []string{"identifier", "expires"}, tokenOrdering["pk"])
	flags := userFlagsOf(r)
	writePage(w, r, out, func(t *token) any { return s.st.renderToken(t, flags) })
}

func exactMatch(have, want map[string]string) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}
