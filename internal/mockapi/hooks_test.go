package mockapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func serveHook(m *Mock, method, path, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	return rec
}

func TestHookRoutesLiveUnderThePlatformPrefix(t *testing.T) {
	m := NewMock(Config{Platform: "kit"})
	rows := map[string]*string{"a": new(string)}
	m.Hook("PATCH things/{id}", func(w http.ResponseWriter, r *http.Request) {
		row := HookFind(w, r, "id", "thing", func(id string) *string { return rows[id] })
		if row == nil {
			return
		}
		var body struct{ Name string }
		if DecodeHook(w, r, &body) {
			*row = body.Name
			WriteNoContent(w)
		}
	})
	m.Serve(http.NotFoundHandler())

	if rec := serveHook(m, "PATCH", "/__mock/kit/things/a", `{"Name":"x"}`); rec.Code != 204 || *rows["a"] != "x" {
		t.Errorf("PATCH: %d %s, row %q", rec.Code, rec.Body, *rows["a"])
	}
	for _, c := range []struct {
		method, path, body, want string
		status                   int
	}{
		{"PATCH", "/__mock/kit/things/b", `{}`, `no thing b`, 404},
		{"PATCH", "/__mock/kit/things/a", `{"Title":"y"}`, `unknown field`, 400},
		{"GET", "/__mock/kit/things/a", ``, `no mock hook at GET`, 404},
		{"PATCH", "/__mock/other/things/a", `{}`, `no mock hook at PATCH`, 404},
	} {
		rec := serveHook(m, c.method, c.path, c.body)
		if rec.Code != c.status || !strings.Contains(rec.Body.String(), `"error":`) || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%s %s %s: %d %s, want %d with a hook error %q", c.method, c.path, c.body, rec.Code, rec.Body, c.status, c.want)
		}
	}
	if *rows["a"] != "x" {
		t.Errorf("a refused hook changed the row: %q", *rows["a"])
	}
	if m.Log().Count() != 0 {
		t.Errorf("hook requests were logged: %d", m.Log().Count())
	}
}

func TestHooksRunUnderTheLock(t *testing.T) {
	m := NewMock(Config{Platform: "kit"})
	ran := make(chan struct{})
	m.Hook("POST poke", func(w http.ResponseWriter, r *http.Request) { close(ran); WriteNoContent(w) })
	m.Serve(http.NotFoundHandler())
	unlock := m.Lock(http.MethodGet)
	go serveHook(m, "POST", "/__mock/kit/poke", "")
	select {
	case <-ran:
		t.Fatal("a writing hook ran while a read held the lock")
	case <-time.After(50 * time.Millisecond):
	}
	unlock()
	<-ran
}

func TestSortedNames(t *testing.T) {
	got := SortedNames(map[int]string{1: "b", 2: "a", 3: "b"}, func(s string) string { return s })
	if strings.Join(got, ",") != "a,b,b" {
		t.Errorf("SortedNames = %v", got)
	}
	if got := SortedNames(map[int]string{}, func(s string) string { return s }); got == nil {
		t.Error("an empty state must list [], not null")
	}
}
