package tykaistudio

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// recorder is a stub server that answers from a table and records every write body.
type recorder struct {
	mu      sync.Mutex
	answers map[string]string // "METHOD /path" -> JSON body (200)
	writes  []string          // "METHOD /path <body>"
}

func (r *recorder) handler(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	key := req.Method + " " + req.URL.Path
	r.mu.Lock()
	if req.Method != http.MethodGet {
		r.writes = append(r.writes, key+" "+string(body))
	}
	answer, ok := r.answers[key]
	r.mu.Unlock()
	if !ok {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"errors":[{"title":"Not Found","detail":"unexpected ` + key + `"}]}`))
		return
	}
	if req.Method == http.MethodGet {
		w.Header().Set("X-Total-Count", "-") // not a number: the list is complete as it is
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(answer))
}

const adminUser = `{"data":{"type":"users","id":"7","attributes":{"email":"old@example.com","name":"Old","is_admin":true,
"show_chat":true,"show_portal":true,"email_verified":true,"api_key":"k","notifications_enabled":true,"access_to_sso_config":true,
"role":"Admin","groups":[{"type":"groups","id":"1","attributes":{"name":"Default"}}]}}}`

// The PATCH carries the whole user: spec values where managed, the current ones elsewhere, never
// the password and never groups.
func TestUpdateUserSendsTheWholeObject(t *testing.T) {
	cases := []struct {
		name  string
		extra platform.Extra
		want  string
	}{
		{"nothing managed", nil,
			`{"email":"new@example.com","name":"New","is_admin":true,"show_chat":true,"show_portal":true,"email_verified":true,"notifications_enabled":true,"access_to_sso_config":true}`},
		{"one flag managed", &UserExtra{ShowChat: ptr(false)},
			`{"email":"new@example.com","name":"New","is_admin":true,"show_chat":false,"show_portal":true,"email_verified":true,"notifications_enabled":true,"access_to_sso_config":true}`},
		{"demoted: unmanaged admin-only flags cleared", UserExtra{IsAdmin: ptr(false)},
			`{"email":"new@example.com","name":"New","is_admin":false,"show_chat":true,"show_portal":true,"email_verified":true,"notifications_enabled":false,"access_to_sso_config":false}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{answers: map[string]string{"GET /api/v1/users/7": adminUser, "PATCH /api/v1/users/7": adminUser}}
			c, _ := newStubClient(t, rec.handler)
			_, err := c.UpdateUser(context.Background(), "7", platform.UserSpec{Email: "new@example.com", Name: "New", Extra: tc.extra})
			if err != nil {
				t.Fatal(err)
			}
			want := `PATCH /api/v1/users/7 {"data":{"type":"users","attributes":` + tc.want + `}}`
			if len(rec.writes) != 1 || rec.writes[0] != want {
				t.Errorf("writes:\n%q\nwant\n%q", rec.writes, want)
			}
		})
	}
}

func TestUpdateUserRefusesPasswordBeforeAnyRequest(t *testing.T) {
	rec := &recorder{answers: map[string]string{}}
	c, _ := newStubClient(t, func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent: %s %s", r.Method, r.URL.Path)
		rec.handler(w, r)
	})
	_, err := c.UpdateUser(context.Background(), "7", platform.UserSpec{Email: "a@example.com", Name: "A", Password: ptr("pw")})
	wantInvalid(t, err, platform.FieldPassword)
}

func TestCreateUserBody(t *testing.T) {
	rec := &recorder{answers: map[string]string{"POST /api/v1/users": adminUser}}
	c, _ := newStubClient(t, rec.handler)
	if _, err := c.CreateUser(context.Background(), platform.UserSpec{Email: "a@example.com", Name: "A", Extra: UserExtra{ShowChat: ptr(true)}}); err != nil {
		t.Fatal(err)
	}
	var body struct {
		Data struct {
			Type       string         `json:"type"`
			Attributes map[string]any `json:"attributes"`
		} `json:"data"`
	}
	if len(rec.writes) != 1 || json.Unmarshal([]byte(rec.writes[0][len("POST /api/v1/users "):]), &body) != nil {
		t.Fatalf("writes %q", rec.writes)
	}
	a := body.Data.Attributes
	if body.Data.Type != "users" || a["email"] != "a@example.com" || a["show_chat"] != true || a["is_admin"] != false {
		t.Errorf("create body %+v", body)
	}
	if _, ok := a["groups"]; ok {
		t.Error("create sends groups; the server adds Default by itself")
	}
	// Without a password the server would allow an empty one; a random one is sent instead.
	if pw, _ := a["password"].(string); len(pw) < 32 {
		t.Errorf("password %q, want a generated one", pw)
	}
}

const groupFive = `{"data":{"type":"groups","id":"5","attributes":{"name":"ops","catalogues":[{"type":"catalogues","id":"1","attributes":{"name":"Default","llm_names":[]}}],
"tool_catalogues":[{"type":"tool-catalogues","id":"2","attributes":{"name":"Jira","tools":[],"tags":[]}}]}}}`

const groupFiveUsers = `{"data":[{"type":"users","id":"4","attributes":{"email":"b@x"}},{"type":"users","id":"3","attributes":{"email":"a@x"}}]}`

// A rename sends the current members and catalogues read just before: a bare PATCH would empty the team.
func TestRenameGroupSendsCurrentLists(t *testing.T) {
	rec := &recorder{answers: map[string]string{
		"GET /api/v1/groups/5": groupFive, "GET /api/v1/groups/5/users": groupFiveUsers, "PATCH /api/v1/groups/5": groupFive,
		"GET /api/v1/data-catalogues/9": `{"data":{"type":"data-catalogues","id":"9","attributes":{"name":"Docs"}}}`,
	}}
	c, _ := newStubClient(t, rec.handler)
	g, err := c.UpdateGroup(context.Background(), "5", platform.GroupSpec{Name: "ops-renamed", Extra: GroupExtra{DataCatalogueIDs: []string{"9"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := `PATCH /api/v1/groups/5 {"data":{"type":"groups","attributes":{"name":"ops-renamed","members":[3,4],"catalogues":[1],"data_catalogues":[9],"tool_catalogues":[2]}}}`
	if len(rec.writes) != 1 || rec.writes[0] != want {
		t.Errorf("writes:\n%q\nwant\n%q", rec.writes, want)
	}
	assertEqual(t, "result", g, platform.Group{ID: "5", Name: "ops-renamed", Members: []string{"3", "4"},
		Extra: GroupExtra{CatalogueIDs: []string{"1"}, DataCatalogueIDs: []string{"9"}, ToolCatalogueIDs: []string{"2"}}})
}

// Without a rename, catalogues and members go through their PUT routes, each with its complete list.
func TestUpdateGroupWithoutRenameUsesPuts(t *testing.T) {
	rec := &recorder{answers: map[string]string{
		"GET /api/v1/groups/5": groupFive, "GET /api/v1/users/3": adminUser,
		"PUT /api/v1/groups/5/catalogues": `{"status":"success"}`, "PUT /api/v1/groups/5/users": `{"status":"success"}`,
	}}
	c, _ := newStubClient(t, rec.handler)
	_, err := c.UpdateGroup(context.Background(), "5", platform.GroupSpec{Name: "ops", Members: []string{"3"}, Extra: GroupExtra{CatalogueIDs: []string{}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`PUT /api/v1/groups/5/catalogues {"data":{"type":"groups","attributes":{"catalogues":[],"data_catalogues":[],"tool_catalogues":[2]}}}`,
		`PUT /api/v1/groups/5/users {"data":{"type":"groups","attributes":{"members":[3]}}}`,
	}
	assertEqual(t, "writes", rec.writes, want)
}
