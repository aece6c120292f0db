package provider_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// Fault tests: the mocks inject 429/5xx/resets/lost responses in front of the API while Terraform applies,
// refreshes and destroys, and the tests assert that the server ends up holding exactly what the
// configuration says (no duplicate, no orphan) and that failures past the retry budget say clearly what
// failed without leaking the token.

// serverKeys are the natural keys of what a mock holds, each list sorted: a duplicate shows up as two equal
// entries, an orphan as an entry no configuration names.
type serverKeys struct {
	Groups []string
	Users  []string
	Keys   []string
}

// minus is the multiset difference: what the server holds beyond the baseline (its seeded objects).
func (k serverKeys) minus(base serverKeys) serverKeys {
	return serverKeys{Groups: multisetMinus(k.Groups, base.Groups), Users: multisetMinus(k.Users, base.Users), Keys: multisetMinus(k.Keys, base.Keys)}
}

func (k serverKeys) total() int { return len(k.Groups) + len(k.Users) + len(k.Keys) }

func (k serverKeys) equal(o serverKeys) bool {
	return slices.Equal(k.Groups, o.Groups) && slices.Equal(k.Users, o.Users) && slices.Equal(k.Keys, o.Keys)
}

func multisetMinus(all, base []string) []string {
	left := map[string]int{}
	for _, b := range base {
		left[b]++
	}
	out := []string{}
	for _, a := range all {
		if left[a] > 0 {
			left[a]--
			continue
		}
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// sameKeys reports, as an error, how the server's objects beyond the baseline differ from the expected ones.
func sameKeys(got, want serverKeys) error {
	if got.equal(want) {
		return nil
	}
	var b strings.Builder
	for _, kind := range []struct {
		name      string
		got, want []string
	}{{"groups", got.Groups, want.Groups}, {"users", got.Users, want.Users}, {"keys", got.Keys, want.Keys}} {
		extra := multisetMinus(kind.got, kind.want)
		missing := multisetMinus(kind.want, kind.got)
		if len(extra) > 0 || len(missing) > 0 {
			fmt.Fprintf(&b, "%s: %d on the server, %d configured; duplicates or orphans %v, missing %v. ",
				kind.name, len(kind.got), len(kind.want), extra, missing)
		}
	}
	return fmt.Errorf("the server does not hold exactly the configured objects: %s", b.String())
}

// objectCounts says how many objects of each type a configuration has.
type objectCounts struct {
	Users, Groups, Keys int
	// Passwords gives every other user a password_wo (on authentik a second request after the create).
	Passwords bool
}

func (c objectCounts) total() int { return c.Users + c.Groups + c.Keys }

// of is the number of objects of a kind ("user", "group" or "key").
func (c objectCounts) of(kind string) int {
	return map[string]int{"user": c.Users, "group": c.Groups, "key": c.Keys}[kind]
}

// faultTarget is one platform's mock with what the fault tests need to drive it.
type faultTarget struct {
	t        *testing.T
	platform string
	srv      *acctest.Server
	faults   *mockapi.Faults
	// settings are extra provider arguments (Secoda: lift the client's write pacing to match the mock).
	settings string
	// keys lists what the mock holds by natural key.
	keys func() serverKeys
	// config renders users, groups (with two members each) and API keys, and the natural keys they make.
	config func(prefix string, n objectCounts) (string, serverKeys)
	// createPaths are the API paths a create is sent to, by kind.
	createPaths map[string]string
	// deletePaths are the API path prefixes a delete is sent to, by kind (Tyk AI Studio "deletes" a key by
	// rolling it, a POST, so it has no entry for keys).
	deletePaths map[string]string
	// createMethods and deleteMethods name the method of a create or a delete, by kind, where it is not
	// POST or DELETE (Onyx invites a user with a PUT and withdraws the invitation with a PATCH).
	createMethods, deleteMethods map[string]string
	// checkKeys verifies, for each roster_api_key in state, that the secret Terraform holds is the key the
	// server has (a duplicate or lost create would leave a different one).
	checkKeys func(s *terraform.State) error
	// errorBody renders an error answer in the platform's own shape, with the server's message.
	errorBody func(message string) json.RawMessage
	// supportsKeys is false where roster_api_key is unavailable.
	supportsKeys bool
}

// provider renders a provider block for the target with the given retry budget.
func (f *faultTarget) provider(maxRetries int) string {
	return fmt.Sprintf(`
provider "roster" {
  platform        = %q
  endpoint        = %q
  token           = %q
  max_retries     = %d
  request_timeout = "10s"
  %s
}
`, f.platform, f.srv.URL, f.srv.Token, maxRetries, f.settings)
}

// createMethod is the method a create of kind is sent with.
// createPosts is how many create POSTs counts take when none is sent twice (an Onyx invitation is a PUT).
func (f *faultTarget) createPosts(counts objectCounts) int {
	n := 0
	for _, kind := range []string{"user", "group", "key"} {
		if f.createMethod(kind) == http.MethodPost {
			n += counts.of(kind)
		}
	}
	return n
}

func (f *faultTarget) createMethod(kind string) string {
	if m, ok := f.createMethods[kind]; ok {
		return m
	}
	return http.MethodPost
}

// deleteMethod is the method a delete of kind is sent with.
func (f *faultTarget) deleteMethod(kind string) string {
	if m, ok := f.deleteMethods[kind]; ok {
		return m
	}
	return http.MethodDelete
}

// setFaults replaces the mock's fault rules and restarts their random sequence at faultSeed, failing the
// test on an invalid rule.
func (f *faultTarget) setFaults(rules ...mockapi.FaultRule) {
	f.t.Helper()
	f.faults.Seed(faultSeed)
	if err := f.faults.Set(rules...); err != nil {
		f.t.Fatalf("setting faults: %v", err)
	}
}

// withoutFaults runs check with the fault rules suspended, so the test's own API calls are not faulted.
func (f *faultTarget) withoutFaults(check func() error) error {
	saved := f.faults.Rules()
	f.faults.Clear()
	defer func() {
		if err := f.faults.Set(saved...); err != nil {
			f.t.Errorf("restoring faults: %v", err)
		}
	}()
	return check()
}

// faultStats counts the requests and injected faults the log holds from an index on.
type faultStats struct {
	requests, posts, faultedPosts int
	byKind                        map[string]int
}

func (s faultStats) faulted() int {
	n := 0
	for _, v := range s.byKind {
		n += v
	}
	return n
}

func percent(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}

func (s faultStats) String() string {
	kinds := make([]string, 0, len(s.byKind))
	for k, v := range s.byKind {
		kinds = append(kinds, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(kinds)
	return fmt.Sprintf("%d requests, %d faulted (%.1f%%: %s); POSTs %d, faulted %d (%.1f%%)",
		s.requests, s.faulted(), percent(s.faulted(), s.requests), strings.Join(kinds, " "),
		s.posts, s.faultedPosts, percent(s.faultedPosts, s.posts))
}

func (f *faultTarget) stats(from int) faultStats {
	entries := f.srv.Log().Entries()
	st := faultStats{byKind: map[string]int{}}
	if from > len(entries) {
		return st
	}
	for _, e := range entries[from:] {
		st.requests++
		if e.Method == http.MethodPost {
			st.posts++
		}
		if e.Fault == "" {
			continue
		}
		if e.Method == http.MethodPost {
			st.faultedPosts++
		}
		kind := string(e.Fault)
		if e.Fault == mockapi.FaultStatus {
			kind = fmt.Sprint(e.Status)
		}
		st.byKind[kind]++
	}
	return st
}

// hookJSON reads a mock-only route.
func hookJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("decoding %s: %v", url, err)
	}
}

// mockStateKeys reads a mock's state hook: groups.names and users.emails, and keysField.names for the keys
// unless keysField is empty.
func mockStateKeys(t *testing.T, url, keysField string) serverKeys {
	t.Helper()
	var s map[string]json.RawMessage
	hookJSON(t, url, &s)
	var lists [3]struct {
		Names  []string `json:"names"`
		Emails []string `json:"emails"`
		// Deleting are names still listed while the platform removes them (Onyx groups): gone for Terraform.
		Deleting []string `json:"deleting"`
	}
	for i, field := range []string{"groups", "users", keysField} {
		if raw, ok := s[field]; ok && field != "" {
			if err := json.Unmarshal(raw, &lists[i]); err != nil {
				t.Fatalf("%s: %s: %v", url, field, err)
			}
		}
	}
	groups := slices.DeleteFunc(lists[0].Names, func(n string) bool { return slices.Contains(lists[0].Deleting, n) })
	return serverKeys{Groups: sortedCopy(groups), Users: sortedCopy(lists[1].Emails), Keys: sortedCopy(lists[2].Names)}
}

func sortedCopy(in []string) []string {
	out := append([]string{}, in...)
	sort.Strings(out)
	return out
}

// memberPair picks two users of the configuration for group i.
func memberPair(i, users int) (int, int) {
	if users == 0 {
		return -1, -1
	}
	return i % users, (i + 1) % users
}

// passwordHCL gives every other user a write-only password when the configuration asks for passwords.
func passwordHCL(n objectCounts, prefix string, i int) string {
	if !n.Passwords || i%2 != 0 {
		return ""
	}
	return fmt.Sprintf("\n  password_wo         = \"Pw-%s-%d-secret\"\n  password_wo_version = 1", prefix, i)
}

func membersHCL(i, users int) string {
	a, b := memberPair(i, users)
	switch {
	case a < 0:
		return "[]"
	case a == b:
		return fmt.Sprintf("[roster_user.u%d.id]", a)
	}
	return fmt.Sprintf("[roster_user.u%d.id, roster_user.u%d.id]", a, b)
}

// faultMix renders a fault target's configuration: n users, groups of two members and keys, and the
// natural keys the server files them under. Groups are alike on every platform but for who can be a member.
type faultMix struct {
	// user and key give resource i's block (without the "resource" line) and its natural key; key is nil
	// where the platform has no API keys.
	user, key func(prefix string, n objectCounts, i int) (body, naturalKey string)
	// members is group i's member list in HCL (default: two of the configuration's users, membersHCL).
	members func(i, users int) string
}

func (m faultMix) render(prefix string, n objectCounts) (string, serverKeys) {
	var b strings.Builder
	want := serverKeys{Groups: []string{}, Users: []string{}, Keys: []string{}}
	members := m.members
	if members == nil {
		members = membersHCL
	}
	for i := range n.Users {
		body, natural := m.user(prefix, n, i)
		fmt.Fprintf(&b, "\nresource \"roster_user\" \"u%d\" {\n%s\n}\n", i, body)
		want.Users = append(want.Users, natural)
	}
	for i := range n.Groups {
		name := fmt.Sprintf("%s-g%03d", prefix, i)
		fmt.Fprintf(&b, "\nresource \"roster_user_group\" \"g%d\" {\n  name    = %q\n  members = %s\n}\n", i, name, members(i, n.Users))
		want.Groups = append(want.Groups, name)
	}
	for i := 0; m.key != nil && i < n.Keys; i++ {
		body, natural := m.key(prefix, n, i)
		fmt.Fprintf(&b, "\nresource \"roster_api_key\" \"k%d\" {\n%s\n}\n", i, body)
		want.Keys = append(want.Keys, natural)
	}
	sort.Strings(want.Users)
	sort.Strings(want.Groups)
	sort.Strings(want.Keys)
	return b.String(), want
}

// keyName is key i's name, its natural key on most platforms.
func keyName(prefix string, i int) string { return fmt.Sprintf("%s-k%03d", prefix, i) }

// keysOfState returns the roster_api_key resources in state.
func keysOfState(s *terraform.State) map[string]*terraform.ResourceState {
	out := map[string]*terraform.ResourceState{}
	for name, rs := range s.RootModule().Resources {
		if strings.HasPrefix(name, "roster_api_key.") {
			out[name] = rs
		}
	}
	return out
}

// countInState checks that state holds exactly the configured number of resources of each type.
func countInState(s *terraform.State, n objectCounts) error {
	got := map[string]int{}
	for name := range s.RootModule().Resources {
		got[strings.SplitN(name, ".", 2)[0]]++
	}
	want := map[string]int{"roster_user": n.Users, "roster_user_group": n.Groups, "roster_api_key": n.Keys}
	for typ, w := range want {
		if got[typ] != w {
			return fmt.Errorf("state holds %d %s, want %d", got[typ], typ, w)
		}
	}
	return nil
}

func newAuthentikTarget(t *testing.T) *faultTarget {
	m := acctest.NewAuthentik(t)
	return &faultTarget{
		t: t, platform: "authentik", srv: m.Server, faults: m.Mock.Faults(), supportsKeys: true,
		keys: func() serverKeys {
			s := m.State()
			return serverKeys{Groups: sortedCopy(s.Groups.Names), Users: sortedCopy(s.Users.Usernames), Keys: sortedCopy(s.Tokens.Identifiers)}
		},
		config: faultMix{
			user: func(prefix string, n objectCounts, i int) (string, string) {
				username := fmt.Sprintf("%s-u%03d", prefix, i)
				// On authentik a password is a second step: set_password.
				return fmt.Sprintf("  email     = \"%s@example.com\"\n  name      = \"User %d\"\n  authentik = { username = %q }%s",
					username, i, username, passwordHCL(n, prefix, i)), username
			},
			key: func(prefix string, n objectCounts, i int) (string, string) {
				return fmt.Sprintf("  name    = %q\n  user_id = roster_user.u%d.id", keyName(prefix, i), i%n.Users), keyName(prefix, i)
			},
		}.render,
		createPaths: map[string]string{"user": "/api/v3/core/users/", "group": "/api/v3/core/groups/", "key": "/api/v3/core/tokens/"},
		deletePaths: map[string]string{"user": "/api/v3/core/users/", "group": "/api/v3/core/groups/", "key": "/api/v3/core/tokens/"},
		checkKeys: func(s *terraform.State) error {
			for name, rs := range keysOfState(s) {
				var out struct {
					Key string `json:"key"`
				}
				if code := m.API("GET", "/core/tokens/"+rs.Primary.ID+"/view_key/", nil, &out); code != http.StatusOK {
					return fmt.Errorf("%s: view_key answered %d", name, code)
				}
				if got := rs.Primary.Attributes["key"]; got == "" || got != out.Key {
					return fmt.Errorf("%s: the key in state (%d chars) is not the server's key", name, len(got))
				}
			}
			return nil
		},
		errorBody: func(msg string) json.RawMessage {
			raw, _ := json.Marshal(map[string]string{"detail": msg})
			return raw
		},
	}
}

func newSecodaTarget(t *testing.T) *faultTarget {
	m := acctest.NewSecoda(t, -1)
	return &faultTarget{
		t: t, platform: "secoda", srv: m.Server, faults: m.Mock.Faults(), settings: "writes_per_minute = 100000",
		keys: func() serverKeys {
			s := m.State()
			return serverKeys{Groups: sortedCopy(s.Groups), Users: sortedCopy(s.Users), Keys: []string{}}
		},
		config: faultMix{
			user: func(prefix string, _ objectCounts, i int) (string, string) {
				email := fmt.Sprintf("%s-u%03d@example.com", prefix, i)
				return fmt.Sprintf("  email = %q\n  name  = \"User %d\"\n  role  = \"viewer\"", email, i), email
			},
		}.render,
		createPaths: map[string]string{"user": "/api/v1/user/", "group": "/api/v1/auth/group/"},
		deletePaths: map[string]string{"user": "/api/v1/user/", "group": "/api/v1/auth/group/"},
		checkKeys:   func(*terraform.State) error { return nil },
		errorBody: func(msg string) json.RawMessage {
			raw, _ := json.Marshal(map[string]string{"detail": msg})
			return raw
		},
	}
}

func newTykTarget(t *testing.T) *faultTarget {
	m := acctest.NewTyk(t, tykmock.Enterprise)
	return &faultTarget{
		t: t, platform: "tyk_ai_studio", srv: m.Server, faults: m.Mock.Faults(), supportsKeys: true,
		keys: func() serverKeys {
			url := m.URL + "/__mock/tyk_ai_studio/state"
			out := mockStateKeys(t, url, "")
			// A Tyk AI Studio key is a property of its user: count the users that have one.
			var s struct {
				KeyedUsers int `json:"users_with_api_key"`
			}
			hookJSON(t, url, &s)
			for range s.KeyedUsers {
				out.Keys = append(out.Keys, "user-with-a-key")
			}
			return out
		},
		config: faultMix{
			user: func(prefix string, n objectCounts, i int) (string, string) {
				email := fmt.Sprintf("%s-u%03d@example.com", prefix, i)
				return fmt.Sprintf("  email = %q\n  name  = \"User %d\"%s", email, i, passwordHCL(n, prefix, i)), email
			},
			// One key per user: a Tyk AI Studio user has exactly one, and the server knows it only as that.
			key: func(prefix string, _ objectCounts, i int) (string, string) {
				return fmt.Sprintf("  name    = %q\n  user_id = roster_user.u%d.id", keyName(prefix, i), i), "user-with-a-key"
			},
		}.render,
		createPaths: map[string]string{"user": "/api/v1/users", "group": "/api/v1/groups", "key": "/api/v1/users/"},
		deletePaths: map[string]string{"user": "/api/v1/users/", "group": "/api/v1/groups/"},
		checkKeys: func(s *terraform.State) error {
			for name, rs := range keysOfState(s) {
				var u struct {
					Data struct {
						Attributes struct {
							APIKey string `json:"api_key"`
						} `json:"attributes"`
					} `json:"data"`
				}
				if code := m.API("GET", "/users/"+rs.Primary.ID, nil, &u); code != http.StatusOK {
					return fmt.Errorf("%s: reading user %s answered %d", name, rs.Primary.ID, code)
				}
				if got := rs.Primary.Attributes["key"]; got == "" || got != u.Data.Attributes.APIKey {
					return fmt.Errorf("%s: the key in state is not user %s's current key (rolled twice?)", name, rs.Primary.ID)
				}
			}
			return nil
		},
		errorBody: func(msg string) json.RawMessage {
			raw, _ := json.Marshal(map[string]any{"errors": []map[string]string{{"title": "Too Many Requests", "detail": msg}}})
			return raw
		},
	}
}

func newUnleashTarget(t *testing.T) *faultTarget {
	m := acctest.NewUnleash(t, unleashmock.EditionEnterprise)
	return &faultTarget{
		t: t, platform: "unleash", srv: m.Server, faults: m.Mock.Faults(), supportsKeys: true,
		keys: func() serverKeys { return mockStateKeys(t, m.URL+"/__mock/unleash/state", "tokens") },
		config: faultMix{
			user: func(prefix string, n objectCounts, i int) (string, string) {
				email := fmt.Sprintf("%s-u%03d@example.com", prefix, i)
				return fmt.Sprintf("  email = %q\n  name  = \"User %d\"\n  role  = \"Viewer\"%s", email, i, passwordHCL(n, prefix, i)), email
			},
			key: func(prefix string, _ objectCounts, i int) (string, string) {
				return fmt.Sprintf("  name    = %q\n  unleash = { type = \"client\", environment = \"development\" }", keyName(prefix, i)), keyName(prefix, i)
			},
		}.render,
		createPaths: map[string]string{"user": "/api/admin/user-admin", "group": "/api/admin/groups", "key": "/api/admin/api-tokens"},
		deletePaths: map[string]string{"user": "/api/admin/user-admin/", "group": "/api/admin/groups/", "key": "/api/admin/api-tokens/"},
		checkKeys: func(s *terraform.State) error {
			var list struct {
				Tokens []struct {
					Secret    string `json:"secret"`
					TokenName string `json:"tokenName"`
				} `json:"tokens"`
			}
			m.API("GET", "/api/admin/api-tokens", nil, &list)
			for name, rs := range keysOfState(s) {
				found := false
				for _, tok := range list.Tokens {
					found = found || (tok.TokenName == rs.Primary.Attributes["name"] && tok.Secret == rs.Primary.Attributes["key"])
				}
				if !found || rs.Primary.Attributes["key"] == "" {
					return fmt.Errorf("%s: no token named %q with the secret Terraform holds", name, rs.Primary.Attributes["name"])
				}
			}
			return nil
		},
		errorBody: func(msg string) json.RawMessage {
			raw, _ := json.Marshal(map[string]string{"id": "7c1d3a5e-0000-4000-8000-000000000000", "name": "TooManyRequestsError", "message": msg})
			return raw
		},
	}
}

// onyxMembers are the seeded, signed-up users the Onyx fault configurations put in groups: an invitation
// (what roster_user makes on Onyx) cannot join a group until the person signs up.
var onyxMembers = []string{onyxmock.AdminEmail, onyxmock.AdaEmail, onyxmock.GraceEmail}

func newOnyxTarget(t *testing.T) *faultTarget {
	m := acctest.NewOnyx(t, onyxmock.GenerationCurrent)
	return &faultTarget{
		t: t, platform: "onyx", srv: m.Server, faults: m.Mock.Faults(), supportsKeys: true,
		keys: func() serverKeys { return mockStateKeys(t, m.URL+"/__mock/onyx/state", "api_keys") },
		config: faultMix{
			// An invitation: its id is the lower-cased email.
			user: func(prefix string, _ objectCounts, i int) (string, string) {
				email := fmt.Sprintf("%s-u%03d@example.com", prefix, i)
				return fmt.Sprintf("  email = %q", email), email
			},
			members: func(i, _ int) string {
				a, c := memberPair(i, len(onyxMembers))
				return fmt.Sprintf("[%q, %q]", onyxMembers[a], onyxMembers[c])
			},
			// In the Basic group (id 2): a key in no group is "limited" and cannot even say who it is.
			key: func(prefix string, _ objectCounts, i int) (string, string) {
				return fmt.Sprintf("  name = %q\n  onyx = { group_ids = [\"2\"] }", keyName(prefix, i)), keyName(prefix, i)
			},
		}.render,
		createPaths:   map[string]string{"user": "/api/manage/admin/users", "group": "/api/manage/admin/user-group", "key": "/api/admin/api-key"},
		deletePaths:   map[string]string{"user": "/api/manage/admin/remove-invited-user", "group": "/api/manage/admin/user-group/", "key": "/api/admin/api-key/"},
		createMethods: map[string]string{"user": http.MethodPut},
		deleteMethods: map[string]string{"user": http.MethodPatch},
		checkKeys: func(s *terraform.State) error {
			// The plaintext cannot be read back: the key in state must authenticate as its key's service account.
			var list []struct {
				ID     int    `json:"api_key_id"`
				UserID string `json:"user_id"`
			}
			if code := m.API("GET", "/admin/api-key", nil, &list); code != http.StatusOK {
				return fmt.Errorf("listing API keys answered %d", code)
			}
			for name, rs := range keysOfState(s) {
				var owner string
				for _, k := range list {
					if strconv.Itoa(k.ID) == rs.Primary.ID {
						owner = k.UserID
					}
				}
				me, err := onyxWhoAmI(m.URL, rs.Primary.Attributes["key"])
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				if owner == "" || me != owner {
					return fmt.Errorf("%s: the key in state authenticates as %q, key %s's service account is %q", name, me, rs.Primary.ID, owner)
				}
			}
			return nil
		},
		errorBody: func(msg string) json.RawMessage {
			raw, _ := json.Marshal(map[string]string{"error_code": "RATE_LIMITED", "detail": msg})
			return raw
		},
	}
}

// onyxWhoAmI asks an Onyx mock whose user id a key belongs to (GET /api/me).
func onyxWhoAmI(url, key string) (string, error) {
	if key == "" {
		return "", fmt.Errorf("no key in state")
	}
	req, err := http.NewRequest(http.MethodGet, url+"/api/me", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var me struct {
		ID string `json:"id"`
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET /api/me with the key in state answered %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&me); err != nil {
		return "", err
	}
	return me.ID, nil
}

// faultTargets are the platforms the fault tests run on, with a configuration of 50 objects each (groups
// with members, users, and API keys where the platform has them). Unleash gets fewer users: the client
// paces user creates to the server's default of 20 a minute, and retried creates count against it.
var faultTargets = []struct {
	name   string
	start  func(t *testing.T) *faultTarget
	counts objectCounts
}{
	{"authentik", newAuthentikTarget, objectCounts{Users: 20, Groups: 10, Keys: 20, Passwords: true}},
	{"secoda", newSecodaTarget, objectCounts{Users: 35, Groups: 15}},
	{"tyk_ai_studio", newTykTarget, objectCounts{Users: 20, Groups: 10, Keys: 20, Passwords: true}},
	{"unleash", newUnleashTarget, objectCounts{Users: 12, Groups: 13, Keys: 25, Passwords: true}},
	{"onyx", newOnyxTarget, objectCounts{Users: 20, Groups: 10, Keys: 20}},
}

// transientFaults fails a share `rate` of every API request, whatever its method, with 429 (Retry-After 0),
// 500, 502, 503 (Retry-After 0) and connection resets, evenly. Four of the five leave a POST ambiguous (the
// client cannot know whether the server applied it), so a create is looked up and sent again until it
// succeeds or is found; the clients allow max(3, max_retries+1) such attempts (httpclient CreateAttempts).
// Rules are tried in order and the first that fires wins, so the shares compound to `rate` per request.
func transientFaults(rate float64) []mockapi.FaultRule {
	even := 1 - math.Pow(1-rate, 1.0/5)
	var rules []mockapi.FaultRule
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		for _, r := range []mockapi.FaultRule{
			{Kind: mockapi.FaultStatus, Status: http.StatusInternalServerError},
			{Kind: mockapi.FaultStatus, Status: http.StatusBadGateway},
			{Kind: mockapi.FaultStatus, Status: http.StatusServiceUnavailable, RetryAfter: "0"},
			{Kind: mockapi.FaultReset},
			{Kind: mockapi.FaultStatus, Status: http.StatusTooManyRequests, RetryAfter: "0"},
		} {
			r.Method, r.Probability = m, even
			rules = append(rules, r)
		}
	}
	return rules
}

// faultSeed makes the probability rolls repeatable: the same seed draws the same sequence.
const faultSeed = 20260806

// TestAccFault_transientFailures applies 50 objects per platform while 20% of all requests fail
// transiently, then plans again and destroys with the faults still on. The apply succeeds, the server holds
// exactly the configured objects (no duplicate, no orphan), the next plan is empty (terraform-plugin-testing
// plans, refreshes and plans again after every apply, and fails the step on any change) and destroy leaves
// nothing behind.
func TestAccFault_transientFailures(t *testing.T) {
	t.Parallel()
	for _, tt := range faultTargets {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.start(t)
			body, want := f.config("tf", tt.counts)
			config := f.provider(10) + body
			baseline := f.keys()
			var from int
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				CheckDestroy: func(*terraform.State) error {
					t.Logf("%s: apply, plan and destroy under faults: %s", tt.name, f.stats(from))
					if left := f.keys().minus(baseline); left.total() != 0 {
						return fmt.Errorf("objects left after destroy: %+v", left)
					}
					return nil
				},
				Steps: []resource.TestStep{
					{
						PreConfig: func() {
							from = f.srv.Log().Count()
							f.setFaults(transientFaults(0.2)...)
						},
						Config: config,
						Check: func(s *terraform.State) error {
							st := f.stats(from)
							t.Logf("%s: %d objects applied: %s", tt.name, tt.counts.total(), st)
							if st.faulted() < st.requests/10 {
								return fmt.Errorf("only %s: the faults did not bite", st)
							}
							if err := sameKeys(f.keys().minus(baseline), want); err != nil {
								return err
							}
							if err := countInState(s, tt.counts); err != nil {
								return err
							}
							return f.withoutFaults(func() error { return f.checkKeys(s) })
						},
					},
				},
			})
		})
	}
}

// lostResponseCounts is a smaller configuration for the lost-response test: every create's answer is lost,
// so each one costs a lookup.
var lostResponseCounts = map[string]objectCounts{
	"authentik":     {Users: 4, Groups: 3, Keys: 3},
	"secoda":        {Users: 5, Groups: 4},
	"tyk_ai_studio": {Users: 4, Groups: 3, Keys: 3, Passwords: true},
	"unleash":       {Users: 4, Groups: 3, Keys: 3, Passwords: true},
	"onyx":          {Users: 4, Groups: 3, Keys: 3},
}

// TestAccFault_lostResponses loses the answer of every create: the server applies the POST, then the
// connection drops. The client must find each object by its natural key and adopt it, sending no second
// POST; the adopted objects are complete, so the plan after the apply is empty. Then the answers of the
// first deletes of each kind are lost too: destroy still removes everything, without an error.
func TestAccFault_lostResponses(t *testing.T) {
	t.Parallel()
	for _, tt := range faultTargets {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.start(t)
			counts := lostResponseCounts[tt.name]
			body, want := f.config("lost", counts)
			config := f.provider(3) + body
			baseline := f.keys()
			var from, destroyFrom int
			var createRules, deleteRules []mockapi.FaultRule
			for _, kind := range []string{"user", "group", "key"} {
				if p, ok := f.createPaths[kind]; ok {
					createRules = append(createRules, lostCreate(f, kind, p))
				}
				if p, ok := f.deletePaths[kind]; ok {
					// Two lost answers per kind: a delete's retry may be lost as well.
					deleteRules = append(deleteRules, mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: f.deleteMethod(kind), PathPrefix: p, Times: 2})
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				CheckDestroy: func(*terraform.State) error {
					if left := f.keys().minus(baseline); left.total() != 0 {
						return fmt.Errorf("objects left after destroy: %+v", left)
					}
					lost := 0
					for _, e := range f.srv.Log().Entries()[destroyFrom:] {
						if e.Fault == mockapi.FaultLostResponse { // only deletes are faulted now
							lost++
						}
					}
					t.Logf("%s: destroy: %s; %d delete answers lost", tt.name, f.stats(destroyFrom), lost)
					if lost == 0 {
						return fmt.Errorf("no delete answer was lost: the test proved nothing")
					}
					return nil
				},
				Steps: []resource.TestStep{
					{
						PreConfig: func() {
							from = f.srv.Log().Count()
							f.setFaults(createRules...)
						},
						Config: config,
						Check: func(s *terraform.State) error {
							if err := sameKeys(f.keys().minus(baseline), want); err != nil {
								return err
							}
							if err := countInState(s, counts); err != nil {
								return err
							}
							if err := f.checkKeys(s); err != nil {
								return err
							}
							// Every create was applied and its answer lost, and no create POST was sent twice (a
							// create by PUT, an Onyx invitation, may be resent: it changes nothing the second time).
							creates, posts, lost, wantPosts := 0, 0, 0, f.createPosts(counts)
							for _, e := range f.srv.Log().Entries()[from:] {
								if !isCreate(f, e.Method, e.Path) {
									continue
								}
								creates++
								if e.Method == http.MethodPost {
									posts++
								}
								if e.Fault == mockapi.FaultLostResponse && e.Status >= 200 && e.Status < 300 {
									lost++
								}
							}
							t.Logf("%s: %d objects created through %d requests (%d POSTs), %d answers lost; %s", tt.name, counts.total(), creates, posts, lost, f.stats(from))
							if posts != wantPosts || creates < counts.total() || lost != creates {
								return fmt.Errorf("%d create requests, %d of them POSTs (%d applied and lost) for %d objects, %d by POST: a lost create was resent",
									creates, posts, lost, counts.total(), wantPosts)
							}
							// From here on the answers of deletes are lost instead: the plans that follow this
							// check send none, and the destroy that ends the test sends them all.
							destroyFrom = f.srv.Log().Count()
							f.setFaults(deleteRules...)
							return nil
						},
					},
				},
			})
		})
	}
}

// lostCreate loses the answer of every create of kind, and of nothing else sent below its path (Onyx
// regenerates an adopted key with POST /api/admin/api-key/{id}/regenerate).
func lostCreate(f *faultTarget, kind, path string) mockapi.FaultRule {
	rule := mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: f.createMethod(kind), Path: path}
	if f.platform == "tyk_ai_studio" && kind == "key" {
		rule.Path, rule.PathPrefix = "", path // POST /api/v1/users/{id}/roll-api-key, as isCreate says
	}
	return rule
}

// isCreate reports whether a request is one the target creates objects with (one such request makes one
// object).
func isCreate(f *faultTarget, method, path string) bool {
	for kind, p := range f.createPaths {
		switch {
		case method != f.createMethod(kind):
		case path == p:
			return true
		case f.platform == "tyk_ai_studio" && kind == "key" && strings.HasPrefix(path, p) && strings.HasSuffix(path, "/roll-api-key"):
			return true
		}
	}
	return false
}

// budgetCounts is the configuration of the retry-budget test: users and keys succeed, groups fail.
// budgetMore adds a user, a key and a group, for the second failure.
var (
	budgetCounts = objectCounts{Users: 3, Groups: 2, Keys: 2}
	budgetMore   = objectCounts{Users: 4, Groups: 3, Keys: 3}
)

// TestAccFault_retryBudgetExhausted answers every group create with 429 past the provider's retry budget
// (max_retries = 1). The apply fails with a message naming the method, the path, the status and the
// server's own words, with the token the server echoed cut out. The users and keys that were created are
// in state: the next apply with the faults off creates only the groups, without a duplicate. Then a change
// fails half-way the same way (a new user and key are made, the new group is not), and the destroy that
// follows the partial failure leaves nothing behind.
func TestAccFault_retryBudgetExhausted(t *testing.T) {
	t.Parallel()
	for _, tt := range faultTargets {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.start(t)
			counts, more := budgetCounts, budgetMore
			if !f.supportsKeys {
				counts.Keys, more.Keys = 0, 0
			}
			body, want := f.config("budget", counts)
			config := f.provider(1) + body
			moreBody, _ := f.config("budget", more)
			baseline := f.keys()
			groupPath := f.createPaths["group"]
			serverMessage := "Request was throttled: too many writes from token " + f.srv.Token
			throttle := mockapi.FaultRule{
				Kind: mockapi.FaultStatus, Method: http.MethodPost, PathPrefix: groupPath,
				Status: http.StatusTooManyRequests, RetryAfter: "0", Body: f.errorBody(serverMessage),
			}
			wantErr := errorRE("Cannot create user group", "POST "+groupPath, "429 Too Many Requests",
				"Request was throttled: too many writes from token [REDACTED]")
			var onlyGroups []plancheck.PlanCheck
			for i := range counts.Users {
				onlyGroups = append(onlyGroups, plancheck.ExpectResourceAction(fmt.Sprintf("roster_user.u%d", i), plancheck.ResourceActionNoop))
			}
			for i := range counts.Keys {
				onlyGroups = append(onlyGroups, plancheck.ExpectResourceAction(fmt.Sprintf("roster_api_key.k%d", i), plancheck.ResourceActionNoop))
			}
			for i := range counts.Groups {
				onlyGroups = append(onlyGroups, plancheck.ExpectResourceAction(fmt.Sprintf("roster_user_group.g%d", i), plancheck.ResourceActionCreate))
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				CheckDestroy: func(*terraform.State) error {
					if left := f.keys().minus(baseline); left.total() != 0 {
						return fmt.Errorf("objects left after destroying a partially applied change: %+v", left)
					}
					// The user the half-failed change made was in state, so destroy deleted it with the rest.
					deleted := 0
					for _, e := range f.srv.Log().Matching(f.deleteMethod("user"), f.deletePaths["user"]) {
						if e.Status >= 200 && e.Status < 300 {
							deleted++
						}
					}
					if deleted != more.Users {
						return fmt.Errorf("destroy deleted %d users, want %d", deleted, more.Users)
					}
					return nil
				},
				Steps: []resource.TestStep{
					{
						PreConfig:   func() { f.setFaults(throttle) },
						Config:      config,
						ExpectError: wantErr,
					},
					{ // faults off: the next apply creates only what is missing
						PreConfig: func() {
							f.faults.Clear()
							got := f.keys().minus(baseline)
							if len(got.Groups) != 0 || len(got.Users) != counts.Users || len(got.Keys) != counts.Keys {
								t.Errorf("after the failed apply the server holds %+v; want the %d users and %d keys only", got, counts.Users, counts.Keys)
							}
							// Each group create was tried once plus one retry, never adopted nor sent a third time.
							if n := f.srv.Log().CountMatching(http.MethodPost, groupPath); n != 2*counts.Groups {
								t.Errorf("%d group POSTs for %d groups with max_retries = 1, want %d", n, counts.Groups, 2*counts.Groups)
							}
						},
						Config:           config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: onlyGroups},
						Check: func(s *terraform.State) error {
							if err := sameKeys(f.keys().minus(baseline), want); err != nil {
								return err
							}
							if err := countInState(s, counts); err != nil {
								return err
							}
							return f.checkKeys(s)
						},
					},
					{ // a change that fails half-way: the destroy after it must still remove everything
						PreConfig:   func() { f.setFaults(throttle) },
						Config:      f.provider(1) + moreBody,
						ExpectError: wantErr,
					},
				},
			})
		})
	}
}

// TestFaultHelpers_sameKeys: the no-duplicate, no-orphan comparison catches both, beyond the seeded objects.
func TestFaultHelpers_sameKeys(t *testing.T) {
	base := serverKeys{Groups: []string{"admins"}, Users: []string{"admin"}, Keys: []string{"bootstrap"}}
	want := serverKeys{Groups: []string{"g1"}, Users: []string{"u1", "u2"}, Keys: []string{}}
	cases := map[string]struct {
		server serverKeys
		ok     bool
	}{
		"exact":     {serverKeys{Groups: []string{"admins", "g1"}, Users: []string{"admin", "u1", "u2"}, Keys: []string{"bootstrap"}}, true},
		"duplicate": {serverKeys{Groups: []string{"admins", "g1", "g1"}, Users: []string{"admin", "u1", "u2"}, Keys: []string{"bootstrap"}}, false},
		"orphan":    {serverKeys{Groups: []string{"admins", "g1"}, Users: []string{"admin", "u1", "u2", "u3"}, Keys: []string{"bootstrap"}}, false},
		"missing":   {serverKeys{Groups: []string{"admins", "g1"}, Users: []string{"admin", "u1"}, Keys: []string{"bootstrap"}}, false},
		"seed gone": {serverKeys{Groups: []string{"g1"}, Users: []string{"admin", "u1", "u2"}, Keys: []string{"bootstrap"}}, true},
	}
	for name, tc := range cases {
		err := sameKeys(tc.server.minus(base), want)
		if (err == nil) != tc.ok {
			t.Errorf("%s: sameKeys = %v, want ok=%v", name, err, tc.ok)
		}
	}
	rules := transientFaults(0.2)
	noFault := map[string]float64{}
	for _, r := range rules {
		if _, ok := noFault[r.Method]; !ok {
			noFault[r.Method] = 1
		}
		noFault[r.Method] *= 1 - r.Probability
		// Every kind at the same share on every method: POSTs' ambiguous failures are not capped.
		if r.Probability != rules[0].Probability {
			t.Errorf("%s %s %d fires with probability %.4f, others with %.4f", r.Method, r.Kind, r.Status, r.Probability, rules[0].Probability)
		}
	}
	for method, p := range noFault {
		if math.Abs((1-p)-0.2) > 1e-9 {
			t.Errorf("%s requests fail with probability %.4f, want 0.2", method, 1-p)
		}
	}
	if len(noFault) != 5 {
		t.Errorf("faults for %d methods, want GET, POST, PUT, PATCH and DELETE", len(noFault))
	}
}
