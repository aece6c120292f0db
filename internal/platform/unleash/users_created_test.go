package unleash

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A create answer with only the id the schema requires is followed by a GET; when only that GET fails, the
// id still comes back with the error, or the user would be orphaned.
func TestCreateUserReadsBackAnAnswerWithOnlyTheID(t *testing.T) {
	gets := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"id": 7}`))
		case http.MethodGet:
			gets++
			http.Error(w, `{"message":"down"}`, http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL, Token: mockToken, UserCreatesPerMinute: -1, HTTP: httpclient.Config{MaxRetries: 0}})
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.CreateUser(context.Background(), platform.UserSpec{Email: "half@example.com", Name: "Half"})
	if err == nil || u.ID != "7" || !strings.Contains(err.Error(), "was created") {
		t.Fatalf("got %+v, %v; want the id and an error", u, err)
	}
	if gets != 1 {
		t.Errorf("%d GETs, want 1", gets)
	}
}

func TestUserFromCreated(t *testing.T) {
	sent := userCreate{Email: "ada@example.com", Name: "Ada", RootRole: "Editor"}
	str := func(s string) *string { return &s }
	for _, tc := range []struct {
		name     string
		answer   createdUserWire
		complete bool
		role     string
	}{
		{"role echoed by name", createdUserWire{ID: 1, Email: str("ada@example.com"), Name: str("Ada"), RootRole: []byte(`"Editor"`)}, true, "Editor"},
		{"role echoed by id", createdUserWire{ID: 1, Email: str("ada@example.com"), Name: str("Ada"), RootRole: []byte(`1`)}, true, "Admin"},
		{"custom role id", createdUserWire{ID: 1, Email: str("ada@example.com"), Name: str("Ada"), RootRole: []byte(`17`)}, true, "17"},
		{"email sent but not answered", createdUserWire{ID: 1, Name: str("Ada"), RootRole: []byte(`"Editor"`)}, false, ""},
		{"no role in the answer", createdUserWire{ID: 1, Email: str("ada@example.com"), Name: str("Ada")}, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, complete := userFromCreated(tc.answer, sent)
			if complete != tc.complete || (complete && (u.Role != tc.role || u.ID != "1" || u.Email != "ada@example.com")) {
				t.Errorf("got %+v, %v", u, complete)
			}
		})
	}
}

// userSchema's accountType tells a service account from a person, wherever a user-admin answer shows one.
func TestUserFromWireAccountType(t *testing.T) {
	for raw, want := range map[string]bool{
		`{"id":2,"accountType":"User","email":"a@example.com"}`:        false,
		`{"id":3,"accountType":"Service Account","username":"ci-bot"}`: true,
		`{"id":4}`: false,
	} {
		var w userWire
		if err := json.Unmarshal([]byte(raw), &w); err != nil {
			t.Fatal(err)
		}
		if got := userFromWire(w).ServiceAccount; got != want {
			t.Errorf("%s: ServiceAccount = %t, want %t", raw, got, want)
		}
	}
}
