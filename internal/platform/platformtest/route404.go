package platformtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Missing404 is how a server without the API's routes answers: the body and its content type.
type Missing404 struct {
	ContentType string
	Body        string
}

// CheckCreatesName404Routes serves 404 to every request and runs the creates of the named kinds ("group",
// "user", "api key") on the backend that newClient builds on that server. Each error must name the method
// and path of the last request (the create's, or the probe that found the server is not the platform's
// API), name the platform and point at the endpoint setting; never the ` "" not found` of an object without
// kind or id.
func CheckCreatesName404Routes(t *testing.T, answer Missing404, newClient func(url string) platform.Backend, name platform.Name, kinds ...string) {
	t.Helper()
	var mu sync.Mutex
	var last string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		last = r.Method + " " + r.URL.Path
		mu.Unlock()
		w.Header().Set("Content-Type", answer.ContentType)
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(answer.Body))
	}))
	t.Cleanup(srv.Close)
	b := newClient(srv.URL)
	ctx := context.Background()
	creates := map[string]func() error{
		"group": func() error {
			groups, ok := b.(platform.GroupBackend)
			if !ok {
				t.Fatal("the client manages no groups")
			}
			_, err := groups.CreateGroup(ctx, platform.GroupSpec{Name: "g"})
			return err
		},
		"user": func() error {
			users, ok := b.(platform.UserBackend)
			if !ok {
				t.Fatal("the client manages no users")
			}
			_, err := users.CreateUser(ctx, platform.UserSpec{Email: "ada@example.com", Name: "Ada"})
			return err
		},
		"api key": func() error {
			keys, ok := b.(platform.APIKeyBackend)
			if !ok {
				t.Fatal("the client manages no API keys")
			}
			_, err := keys.CreateAPIKey(ctx, platform.APIKeySpec{Name: "k"})
			return err
		},
	}
	for _, kind := range kinds {
		create := creates[kind]
		mu.Lock()
		last = ""
		mu.Unlock()
		err := create()
		mu.Lock()
		request := last
		mu.Unlock()
		if request == "" {
			t.Errorf("%s create: made no request", kind)
			continue
		}
		if err == nil {
			t.Errorf("%s create: no error for a 404", kind)
			continue
		}
		msg := err.Error()
		method, path, _ := strings.Cut(request, " ")
		for _, part := range []string{method + " " + path, name.DisplayName(), "endpoint"} {
			if !strings.Contains(msg, part) {
				t.Errorf("%s create: error %q does not say %q", kind, msg, part)
			}
		}
		if strings.Contains(msg, `"" not found`) {
			t.Errorf("%s create: error %q names no object", kind, msg)
		}
	}
}
