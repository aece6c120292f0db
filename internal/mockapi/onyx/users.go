package onyx

import (
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// usersPerPage is the page size of GET /manage/users when all three page parameters are given.
const usersPerPage = 10

// listedUsers returns the users of the admin lists, by email: standard (and external-permission)
// accounts, API-key service accounts only when asked for, never bots (those are "slack users").
func (s *Server) listedUsers(includeServiceAccounts bool, q string) []*user {
	out := s.st.users.Select(func(u *user) bool {
		return u.accountType != accountBot && (!u.serviceAccount() || includeServiceAccounts) && matchesQuery(u.email, q)
	})
	slices.SortFunc(out, func(a, b *user) int { return strings.Compare(a.email, b.email) })
	return out
}

func matchesQuery(email, q string) bool {
	return q == "" || strings.Contains(strings.ToLower(email), strings.ToLower(q))
}

// listAllUsers is GET /manage/users: three buckets. Only when all three page parameters are given
// is each bucket cut into pages of 10; otherwise everything comes back and every *_pages is 1.
func (s *Server) listAllUsers(w http.ResponseWriter, r *http.Request) {
	includeKeys, ok := queryBool(w, r, "include_api_keys")
	if !ok {
		return
	}
	pages := map[string]int{}
	given := 0
	for _, name := range []string{"accepted_page", "slack_users_page", "invited_page"} {
		n, present, ok := queryInt(w, r, name, 0, 1<<30)
		if !ok {
			return
		}
		if present {
			pages[name] = n
			given++
		}
	}
	q := r.URL.Query().Get("q")
	accepted := mockapi.Each(s.listedUsers(includeKeys, q), s.renderFullUser)
	slack := mockapi.Each(s.st.users.Select(func(u *user) bool { return u.accountType == accountBot && matchesQuery(u.email, q) }), s.renderFullUser)
	invited := s.invitations(q)
	out := map[string]any{"accepted": accepted, "slack_users": slack, "invited": invited,
		"accepted_pages": 1, "slack_users_pages": 1, "invited_pages": 1}
	if given == 3 {
		for bucket, items := range map[string][]map[string]any{"accepted": accepted, "slack_users": slack, "invited": invited} {
			page := pages[bucket+"_page"]
			out[bucket] = pageOf(items, page*usersPerPage, usersPerPage)
			out[bucket+"_pages"] = (len(items) + usersPerPage - 1) / usersPerPage
		}
	}
	writeJSON(w, out)
}

func pageOf[T any](items []T, offset, size int) []T {
	if offset >= len(items) {
		return []T{}
	}
	return items[offset:min(offset+size, len(items))]
}

// listAccepted is GET /manage/users/accepted: offset pages, {items, total_items}.
func (s *Server) listAccepted(w http.ResponseWriter, r *http.Request) {
	page, _, ok := queryInt(w, r, "page_num", 0, 1<<30)
	if !ok {
		return
	}
	size, present, ok := queryInt(w, r, "page_size", 1, 1000)
	if !ok {
		return
	}
	if !present {
		size = 10
	}
	if s.current() && r.URL.Query().Has("roles") {
		s.writeOnyxError(w, http.StatusBadRequest, codeInvalidInput, "The roles filter is no longer supported; filter by account_types instead.")
		return
	}
	activeFilter := r.URL.Query().Get("is_active")
	wantActive, ok := queryBool(w, r, "is_active")
	if !ok {
		return
	}
	listed := slices.DeleteFunc(s.listedUsers(false, r.URL.Query().Get("q")), func(u *user) bool { return activeFilter != "" && u.active != wantActive })
	items := mockapi.Each(listed, s.renderFullUser)
	writeJSON(w, map[string]any{"items": pageOf(items, page*size, size), "total_items": len(items)})
}

// listInvited is GET /manage/users/invited.
func (s *Server) listInvited(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, s.invitations(""))
}

// invitations are the pending invitations matching q, as {"email"} objects.
func (s *Server) invitations(q string) []map[string]any {
	matching := slices.DeleteFunc(slices.Clone(s.st.invited), func(e string) bool { return !matchesQuery(e, q) })
	return mockapi.Each(matching, func(e string) map[string]any { return map[string]any{"email": e} })
}

// listBasicUsers is GET /users, the directory any user may read.
func (s *Server) listBasicUsers(w http.ResponseWriter, r *http.Request) {
	includeKeys, ok := queryBool(w, r, "include_api_keys")
	if !ok {
		return
	}
	writeJSON(w, mockapi.Each(s.listedUsers(includeKeys, ""), func(u *user) map[string]string { return map[string]string{"id": u.id, "email": u.email} }))
}

// emailShape is a simplified email_validator: one @, a local part, a dotted domain, no spaces.
var emailShape = regexp.MustCompile(`^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$`)

// normaliseEmail does what email_validator's normalisation does to the parts it touches: the domain
// is lower-cased, the local part kept.
func normaliseEmail(e string) string {
	at := strings.LastIndex(e, "@")
	return e[:at] + "@" + strings.ToLower(e[at+1:])
}

// inviteUsers is PUT /manage/admin/users: all or none. Re-inviting an invited address or a user is
// a no-op. The count is the size of the whole invitation list, not the number added.
func (s *Server) inviteUsers(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	emails, _ := b.strList("emails", true)
	if !b.ok(w) {
		return
	}
	normalised := make([]string, 0, len(emails))
	for _, e := range emails {
		e = strings.TrimSpace(e)
		if !emailShape.MatchString(e) {
			reason := "The email address is not valid. It must have exactly one @-sign."
			if strings.Count(e, "@") == 1 {
				reason = "The part after the @-sign is not valid. It should have a period."
			}
			writeDetail(w, http.StatusBadRequest, "Invalid email address: "+e+" - "+reason)
			return
		}
		normalised = append(normalised, normaliseEmail(e))
	}
	for _, e := range normalised {
		if _, pending := s.st.invitation(e); pending || s.st.userByEmail(e) != nil {
			continue
		}
		s.st.invited = append(s.st.invited, e)
	}
	if s.current() {
		writeJSON(w, map[string]any{"invited_count": len(s.st.invited), "email_invite_status": "DISABLED"})
		return
	}
	writeJSON(w, len(s.st.invited))
}

// uninviteUser is PATCH /manage/admin/remove-invited-user: an exact, case-sensitive match against
// the stored address; anything else is a no-op. It answers the number of invitations left.
func (s *Server) uninviteUser(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	email, _ := b.str("user_email", true)
	if !b.ok(w) {
		return
	}
	s.st.removeInvitation(email)
	writeJSON(w, len(s.st.invited))
}
