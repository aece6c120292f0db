package httpclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// recorder is a server that must never be reached: it counts what it receives and keeps the last request's
// credentials, to show what would have leaked.
type recorder struct {
	*httptest.Server
	hits atomic.Int32
	auth atomic.Value
}

func newRecorder(t *testing.T) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.hits.Add(1)
		rec.auth.Store(r.Header.Get("Authorization") + "|" + r.Header.Get("X-Onyx-Authorization") + "|" + r.Header.Get("X-Proxy-Key"))
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(rec.Close)
	return rec
}

// redirector answers every request with status and a Location of target plus the request's path.
func redirector(t *testing.T, status int, target string, tls bool) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Location", target+r.URL.Path)
		w.WriteHeader(status)
	})
	srv := httptest.NewUnstartedServer(h)
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv, &calls
}

func redirectClient(t *testing.T, baseURL string) *Client {
	t.Helper()
	c, err := New(Config{
		BaseURL: baseURL + "/api", Authorization: "Bearer s3cret-token", MaxRetries: 3, InsecureSkipVerify: true,
		Headers:      map[string]string{"X-Onyx-Authorization": "Bearer s3cret-token", "X-Proxy-Key": "proxy-s3cret"},
		RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, RequestTimeout: 2 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// No request of any method follows a redirect to another port, another host or from https to http: the
// target receives nothing (no credential header, no body), the error names the request and the Location,
// and it is not retried.
func TestRedirectOffTheOriginIsRefused(t *testing.T) {
	rec := newRecorder(t)
	otherHost := strings.Replace(rec.URL, "127.0.0.1", "localhost", 1)
	cases := []struct {
		name, target string
		tls          bool
	}{
		{"another port", rec.URL, false},
		{"another host", otherHost, false},
		{"https to http", rec.URL, true},
	}
	for _, tc := range cases {
		for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
				srv, calls := redirector(t, status, tc.target, tc.tls)
				c := redirectClient(t, srv.URL)
				_, err := c.Do(context.Background(), Request{Method: method, Path: "/core/users/", Body: map[string]string{"password": "pw-s3cret"}})
				want := "the server redirected " + method + " /api/core/users/ to " + tc.target + "/api/core/users/; set `endpoint` to the final address (" + tc.target + "/api)"
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("%s, %s %d: got %v, want it to say %q", tc.name, method, status, err, want)
				}
				if platform.IsAmbiguous(err) {
					t.Errorf("%s, %s %d: a refused redirect applied nothing, yet the error is ambiguous: %v", tc.name, method, status, err)
				}
				if n := calls.Load(); n != 1 {
					t.Errorf("%s, %s %d: %d requests to the redirecting server, want 1 (a redirect is not retried)", tc.name, method, status, n)
				}
			}
		}
	}
	if n := rec.hits.Load(); n != 0 {
		t.Errorf("the redirect target received %d requests, the last with credentials %q", n, rec.auth.Load())
	}
}

// A read that a server redirects on its own origin (a trailing slash, say) is followed, credentials kept.
func TestRedirectOnTheOriginIsFollowedForReads(t *testing.T) {
	var auth atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		auth.Store(r.Header.Get("Authorization"))
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	t.Cleanup(srv.Close)
	c := redirectClient(t, srv.URL)
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/core/users"}); err != nil {
		t.Fatal(err)
	}
	if got := auth.Load(); got != "Bearer s3cret-token" {
		t.Errorf("the followed read carried Authorization %q", got)
	}
}

// A write redirected on its own origin is not resent: the error says so, and it is ambiguous only after a
// 303, the one redirect that means "done, see there".
func TestRedirectedWriteIsNotResent(t *testing.T) {
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		var calls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			if r.URL.Path == "/api/core/users" {
				w.Header().Set("Location", "/api/core/users/")
				w.WriteHeader(status)
				return
			}
			w.WriteHeader(http.StatusCreated)
		}))
		c := redirectClient(t, srv.URL)
		_, err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/core/users", Body: map[string]string{"name": "x"}})
		srv.Close()
		want := "the server redirected POST /api/core/users to " + srv.URL + "/api/core/users/; a write is not resent"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%d: got %v, want it to say %q", status, err, want)
		}
		if got := platform.IsAmbiguous(err); got != (status == http.StatusSeeOther) {
			t.Errorf("%d: ambiguous = %v", status, got)
		}
		if n := calls.Load(); n != 1 {
			t.Errorf("%d: %d requests, want 1", status, n)
		}
	}
}

// A read that redirects in a loop stops and is not retried.
func TestRedirectLoopStops(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	c := redirectClient(t, srv.URL)
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"})
	if err == nil || !strings.Contains(err.Error(), "stopped after 10 redirects") {
		t.Fatalf("got %v", err)
	}
	if n := calls.Load(); n != maxRedirects {
		t.Errorf("%d requests, want %d", n, maxRedirects)
	}
}

// An origin is scheme, host and port, each on its own; a default port equals its explicit spelling.
func TestSameOrigin(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"https://a:8443/x", "https://a:8443/y", true},
		{"https://a/x", "https://a:443/y", true},
		{"http://a/x", "http://A:80/y", true},
		{"https://a:8443/x", "http://a:8443/x", false},
		{"http://a:80/x", "http://b:80/x", false},
		{"http://a:80/x", "http://a:81/x", false},
	} {
		a, _ := url.Parse(tc.a)
		b, _ := url.Parse(tc.b)
		if got := sameOrigin(a, b); got != tc.same {
			t.Errorf("sameOrigin(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}
