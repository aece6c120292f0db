package httpclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// testIdentity is a made-up platform: its 404 is {"detail": ...}, and GET /whoami answers {"me": "..."}.
var testIdentity = Identity{
	API:   "Example",
	Probe: Request{Method: http.MethodGet, Path: "/whoami"},
	ProbeOK: func(resp *Response) bool {
		obj, ok := resp.JSONObject()
		return ok && StringField(obj, "me")
	},
	OwnNotFound: func(resp *Response) bool {
		obj, ok := resp.JSONObject()
		return ok && StringField(obj, "detail")
	},
}

// answer is one canned reply.
type answer struct {
	status      int
	contentType string
	body        string
}

var (
	ownNotFound  = answer{404, "application/json", `{"detail":"Not found."}`}
	htmlNotFound = answer{404, "text/html; charset=utf-8", `<html><title>404 Not Found</title></html>`}
	foreignJSON  = answer{404, "application/json", `{"error":"no route","status":404}`}
	whoami       = answer{200, "application/json", `{"me":"admin"}`}
)

// identityServer answers the probe with probe() and everything else with other, and counts probes.
type identityServer struct {
	probes atomic.Int32
	client *Client
}

func newIdentityServer(t *testing.T, other answer, probe func(n int32) answer) *identityServer {
	t.Helper()
	s := &identityServer{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := other
		if r.URL.Path == "/api/whoami" {
			a = probe(s.probes.Add(1))
		}
		w.Header().Set("Content-Type", a.contentType)
		w.WriteHeader(a.status)
		_, _ = w.Write([]byte(a.body))
	}))
	t.Cleanup(srv.Close)
	id := testIdentity
	c, err := New(Config{
		BaseURL: srv.URL + "/api", Authorization: "Bearer s3cret-token", MaxRetries: 1, Identity: &id,
		RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond, RequestTimeout: 2 * time.Second,
		DecodeError: func(apiErr *platform.APIError, resp *Response) error {
			if resp.Status == http.StatusNotFound {
				return &platform.NotFoundError{Err: apiErr}
			}
			return apiErr
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	s.client = c
	return s
}

func always(a answer) func(int32) answer { return func(int32) answer { return a } }

func (s *identityServer) read(t *testing.T) error {
	t.Helper()
	_, err := s.client.Do(context.Background(), Request{Method: http.MethodGet, Path: "/things/42/"})
	if err == nil {
		t.Fatal("the read succeeded")
	}
	return err
}

func wantNotTheAPI(t *testing.T, err error, answers ...string) {
	t.Helper()
	var nt *NotTheAPIError
	if !errors.As(err, &nt) || platform.IsNotFound(err) {
		t.Fatalf("got %T (%v), want a *NotTheAPIError that is no NotFoundError", err, err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "this endpoint does not answer like the Example API (") || !strings.HasSuffix(msg, "; check `endpoint`") {
		t.Errorf("message %q", msg)
	}
	for _, a := range answers {
		if !strings.Contains(msg, a) {
			t.Errorf("message %q does not say %q", msg, a)
		}
	}
}

// The platform's own 404 from a confirmed server is a NotFoundError, and the probe goes out once however many
// reads, concurrent ones included.
func TestNotFoundFromTheConfirmedAPIPassesAndProbesOnce(t *testing.T) {
	s := newIdentityServer(t, ownNotFound, always(whoami))
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.client.Do(context.Background(), Request{Method: http.MethodGet, Path: "/things/42/"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if !platform.IsNotFound(err) {
			t.Fatalf("got %T (%v), want a NotFoundError", err, err)
		}
	}
	if !platform.IsNotFound(s.read(t)) {
		t.Fatal("a later read is no NotFoundError")
	}
	if n := s.probes.Load(); n != 1 {
		t.Errorf("%d probes, want 1", n)
	}
}

// A 404 that is not the platform's own (a proxy's HTML page, another application's JSON) is refused without
// asking anything more.
func TestForeignNotFoundIsRefused(t *testing.T) {
	for name, tc := range map[string]struct {
		other answer
		says  string
	}{
		"html":    {htmlNotFound, "GET /api/things/42/ returned 404 text/html"},
		"foreign": {foreignJSON, "GET /api/things/42/ returned 404 application/json"},
		"no type": {answer{404, "", `{"detail":"Not found."}`}, "GET /api/things/42/ returned 404 without a Content-Type"},
	} {
		t.Run(name, func(t *testing.T) {
			s := newIdentityServer(t, tc.other, always(whoami))
			wantNotTheAPI(t, s.read(t), tc.says)
			if n := s.probes.Load(); n != 0 {
				t.Errorf("%d probes, want none", n)
			}
		})
	}
}

// A 404 of the right shape is refused when the probe's answer is not the platform's: a server that answers
// 200 to anything, or 404 to the probe too.
func TestNotFoundIsRefusedWhenTheProbeFails(t *testing.T) {
	for name, tc := range map[string]struct {
		probe answer
		says  string
	}{
		"200 to anything": {answer{200, "application/json", `{"ok":true}`}, "GET /api/whoami returned 200 application/json"},
		"html page":       {answer{200, "text/html", `<html>login</html>`}, "GET /api/whoami returned 200 text/html"},
		"404 as well":     {ownNotFound, "GET /api/whoami returned 404 application/json"},
	} {
		t.Run(name, func(t *testing.T) {
			s := newIdentityServer(t, ownNotFound, always(tc.probe))
			wantNotTheAPI(t, s.read(t), "GET /api/things/42/ returned 404 application/json", tc.says)
			wantNotTheAPI(t, s.read(t), tc.says)
			if n := s.probes.Load(); n != 2 {
				t.Errorf("%d probes, want 2: a failed probe is not remembered", n)
			}
		})
	}
}

// A probe that itself fails (a server error) leaves the question open: the read fails without claiming
// anything about the server, and the next read probes again.
func TestFailedProbeIsRetriedLater(t *testing.T) {
	s := newIdentityServer(t, ownNotFound, func(n int32) answer {
		if n <= 2 { // the first read's probe and its one retry
			return answer{503, "application/json", `{"detail":"busy"}`}
		}
		return whoami
	})
	err := s.read(t)
	var unconfirmed *UnconfirmedError
	if !errors.As(err, &unconfirmed) || platform.IsNotFound(err) {
		t.Fatalf("got %T (%v), want an *UnconfirmedError", err, err)
	}
	if msg := err.Error(); !strings.Contains(msg, "GET /api/things/42/ returned 404") || !strings.Contains(msg, "could not be confirmed: GET /api/whoami: 503") {
		t.Errorf("message %q", msg)
	}
	for range 3 {
		if err := s.read(t); !platform.IsNotFound(err) {
			t.Fatalf("got %T (%v) once the probe succeeds, want a NotFoundError", err, err)
		}
	}
	if n := s.probes.Load(); n != 3 {
		t.Errorf("%d probe requests, want 3 (two failed attempts, one success)", n)
	}
}

// ConfirmNotFound, for objects a listing did not contain, asks the same probe, once.
func TestConfirmNotFoundForListedLookups(t *testing.T) {
	missing := &platform.NotFoundError{Kind: "user", ID: "ada@example.com"}

	bad := newIdentityServer(t, ownNotFound, always(answer{200, "application/json", `[]`}))
	wantNotTheAPI(t, bad.client.ConfirmNotFound(context.Background(), missing),
		`user "ada@example.com" not found`, "GET /api/whoami returned 200 application/json")

	good := newIdentityServer(t, ownNotFound, always(whoami))
	for range 3 {
		if err := good.client.ConfirmNotFound(context.Background(), missing); err != missing {
			t.Fatalf("got %v, want the NotFoundError itself", err)
		}
	}
	other := errors.New("boom")
	if err := good.client.ConfirmNotFound(context.Background(), other); err != other {
		t.Fatalf("got %v for an error that is no NotFoundError", err)
	}
	if n := good.probes.Load(); n != 1 {
		t.Errorf("%d probes, want 1", n)
	}
}

// Without an Identity, and for answers that are not "not found", nothing changes and nothing is probed.
func TestOnlyNotFoundIsVouchedFor(t *testing.T) {
	s := newIdentityServer(t, answer{400, "text/html", `<html>bad</html>`}, always(whoami))
	var apiErr *platform.APIError
	if err := s.read(t); !errors.As(err, &apiErr) || apiErr.Status != 400 {
		t.Fatalf("got %T (%v), want the 400 as it was", err, err)
	}
	if n := s.probes.Load(); n != 0 {
		t.Errorf("%d probes for a 400", n)
	}

	s = newIdentityServer(t, htmlNotFound, always(whoami))
	s.client.cfg.Identity = nil
	if err := s.read(t); !platform.IsNotFound(err) {
		t.Fatalf("got %T (%v) without an Identity, want the decoder's NotFoundError", err, err)
	}
}

// A read waiting for another read's probe stops waiting when its own context ends.
func TestWaitForAnotherProbeEndsWithTheContext(t *testing.T) {
	release := make(chan struct{})
	s := newIdentityServer(t, ownNotFound, func(int32) answer {
		<-release // the first probe hangs until the test is done
		return whoami
	})
	defer close(release)
	go func() { _, _ = s.client.Do(context.Background(), Request{Method: http.MethodGet, Path: "/things/1/"}) }()
	for s.probes.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := s.client.Do(ctx, Request{Method: http.MethodGet, Path: "/things/42/"})
	var unconfirmed *UnconfirmedError
	if !errors.As(err, &unconfirmed) || platform.IsNotFound(err) {
		t.Fatalf("got %v, want the not-found left unconfirmed", err)
	}
	if waited := time.Since(start); waited > time.Second {
		t.Errorf("waited %s for another probe after the context ended", waited)
	}
}
