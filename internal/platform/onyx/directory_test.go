package onyx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A server that pages /manage/users even without page parameters is followed to the last page,
// with all three page parameters (it honours them only together).
func TestDirectoryFollowsPages(t *testing.T) {
	var queries []string
	c := stubClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		q := r.URL.Query()
		page := q.Get("accepted_page")
		if page != "" && (q.Get("invited_page") != page || q.Get("slack_users_page") != page) {
			t.Errorf("page parameters not given together: %s", r.URL.RawQuery)
		}
		body := map[string]any{"accepted_pages": 2, "invited_pages": 3, "slack_users_pages": 0, "slack_users": []any{}}
		switch page {
		case "":
			body["accepted"] = []any{map[string]any{"id": uuidAda, "email": "ada@example.com", "is_active": true, "role": "basic"}}
			body["invited"] = []any{map[string]any{"email": "a@example.com"}}
		case "1":
			body["accepted"] = []any{map[string]any{"id": uuidGrace, "email": "Grace@example.com", "is_active": true, "role": "admin"},
				map[string]any{"id": uuidKey, "email": "API_KEY__k@" + uuidKey + "onyxapikey.ai", "is_active": true, "role": "basic"}}
			body["invited"] = []any{map[string]any{"email": "b@example.com"}}
		case "2":
			body["accepted"] = []any{}
			// Signed up while the pages were read: listed once, as a user.
			body["invited"] = []any{map[string]any{"email": "grace@example.com"}, map[string]any{"email": "C@example.com"}}
		default:
			t.Errorf("page %s asked for", page)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
	users, err := c.ListUsers(context.Background(), platform.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, u := range users {
		ids = append(ids, u.ID+"="+u.Extra.(UserExtra).Status)
	}
	want := "a@example.com=invited ada@example.com=active b@example.com=invited c@example.com=invited grace@example.com=active"
	if strings.Join(ids, " ") != want {
		t.Errorf("users %v\nwant %s", ids, want)
	}
	if len(queries) != 3 || queries[0] != "" {
		t.Errorf("queries %q", queries)
	}
}

func TestDirectoryUUIDs(t *testing.T) {
	d := directory{
		users:   map[string]fullUserWire{"ada@example.com": {ID: uuidAda, Email: "ada@example.com"}},
		invited: map[string]string{"new@example.com": "New@example.com"},
	}
	got, pending, err := d.uuids([]string{"ADA@example.com"}, platform.FieldMembers, true)
	if err != nil || len(got) != 1 || got[0] != uuidAda || len(pending) != 0 {
		t.Errorf("uuids = %v, %v, %v", got, pending, err)
	}
	// Members may wait for their sign-up; an address nobody has is an error all the same.
	got, pending, err = d.uuids([]string{"ada@example.com", "New@Example.com"}, platform.FieldMembers, true)
	if err != nil || !slices.Equal(got, []string{uuidAda}) || !slices.Equal(pending, []string{"new@example.com"}) {
		t.Errorf("uuids with an invitee = %v, %v, %v", got, pending, err)
	}
	_, _, err = d.uuids([]string{"new@example.com", "x@example.com"}, platform.FieldMembers, true)
	if msg := fmt.Sprint(err); !strings.Contains(msg, "x@example.com") || strings.Contains(msg, "new@") {
		t.Errorf("unknown member with an invitee: %v", err)
	}
	// Curators may not wait.
	_, _, err = d.uuids([]string{"ada@example.com", "new@example.com", "x@example.com"}, fieldCuratorIDs, false)
	var invalid *platform.InvalidError
	if !errors.As(err, &invalid) || len(invalid.Fields) != 1 || invalid.Fields[0].Field != fieldCuratorIDs {
		t.Fatalf("err = %v", err)
	}
	if msg := invalid.Fields[0].Message; !containsAll(msg, "new@example.com", "curators (managers)", "must accept the invitation first", "x@example.com") || strings.Contains(msg, "ada@") {
		t.Errorf("message %q", msg)
	}
}

// One user is looked up with the server's q filter; if the filtered answer misses it (q may match
// differently than expected), the full list decides, so a miss is never taken for a deleted user.
func TestDirectoryForFallsBackToTheFullList(t *testing.T) {
	var queries []string
	c := stubClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/me") {
			// The current user, which confirms the server is Onyx's API before a miss is trusted.
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"id":"` + uuidAda + `","email":"ada@example.com"}`))
			return
		}
		queries = append(queries, r.URL.RawQuery)
		body := map[string]any{"accepted": []any{}, "slack_users": []any{}, "invited": []any{}, "accepted_pages": 1, "invited_pages": 1}
		if r.URL.Query().Get("q") == "" {
			body["invited"] = []any{map[string]any{"email": "a+b@example.com"}}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
	u, err := c.ReadUser(context.Background(), "a+b@example.com")
	if err != nil || u.ID != "a+b@example.com" {
		t.Fatalf("ReadUser = %+v, %v", u, err)
	}
	if strings.Join(queries, " | ") != "q=a%2Bb%40example.com | " {
		t.Errorf("queries %q", queries)
	}
	queries = nil
	_, err = c.ReadUser(context.Background(), "gone@example.com")
	if !platform.IsNotFound(err) || len(queries) != 2 {
		t.Errorf("missing user: %v after %q", err, queries)
	}
}
