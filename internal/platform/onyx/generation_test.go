package onyx

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestGenerationOfVersion(t *testing.T) {
	cases := map[string]Generation{
		"v4.6.1": GenerationV46, "4.6.0": GenerationV46, "v1.2.1-cloud.2": GenerationV46, "v3.9.9": GenerationV46,
		"v4.7.0-cloud.0": GenerationCurrent, "v4.7.0": GenerationCurrent, "v4.10.2": GenerationCurrent, "v5.0.0": GenerationCurrent,
		"development": "", "nightly-latest-20260822": "", "0.0.0-dev": "", "": "",
	}
	for v, want := range cases {
		got, ok := generationOfVersion(v)
		if got != want || ok != (want != "") {
			t.Errorf("generationOfVersion(%q) = %q, %v; want %q", v, got, ok, want)
		}
	}
}

// Against the mock: detected from /version once, then cached for every later write.
func TestContractGenerationDetectedOnceAndCached(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		if known := c.client.knownGeneration(); known != "" {
			t.Errorf("known before any request: %q", known)
		}
		// Reads decode both shapes and do not need the generation.
		if _, err := c.client.ListAPIKeys(c.ctx); err != nil {
			t.Fatal(err)
		}
		if n := c.mock.Log().CountMatching(http.MethodGet, "/api/version"); n != 0 {
			t.Errorf("a read asked for the version %d times", n)
		}
		for range 3 {
			if _, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "k", Extra: adminKeyExtra(gen)}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := c.client.Generation(c.ctx)
		if err != nil || got != gen {
			t.Errorf("Generation() = %q, %v; want %q", got, err, gen)
		}
		if n := c.mock.Log().CountMatching(http.MethodGet, "/api/version"); n != 1 {
			t.Errorf("%d version requests, want 1", n)
		}
		if n := c.mock.Log().CountMatching(http.MethodGet, "/api/me"); n != 0 {
			t.Errorf("%d /me requests; the version settled it", n)
		}
	})
}

// A forced generation is used as is: no detection, and plan-time checks know it.
func TestForcedGeneration(t *testing.T) {
	c := newContract(t, GenerationCurrent, onyxmock.Options{})
	forced := c.newClient(mockToken, GenerationCurrent)
	if _, err := forced.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "k", Extra: adminKeyExtra(GenerationCurrent)}); err != nil {
		t.Fatal(err)
	}
	if n := c.mock.Log().CountMatching(http.MethodGet, "/api/version"); n != 0 {
		t.Errorf("%d version requests with a forced generation", n)
	}
	errs := forced.ValidateAPIKey(platform.APIKeySpec{Name: "k", Extra: APIKeyExtra{Role: "admin"}})
	if len(errs) != 1 || errs[0].Field != fieldKeyRole {
		t.Errorf("plan-time check with a forced generation: %v", errs)
	}
	// Forcing the wrong generation shows as a missing route, with a hint.
	wrong := c.newClient(mockToken, GenerationV46)
	_, err := wrong.CreateGroup(c.ctx, platform.GroupSpec{Name: "g", Members: []string{ada}, Extra: GroupExtra{CuratorIDs: []string{ada}}})
	if err == nil || !containsAll(err.Error(), "generation") {
		t.Errorf("wrong forced generation: %v", err)
	}
	if _, err := New(Config{Endpoint: "https://x", Token: "t", Generation: "v5"}); err == nil {
		t.Error("New accepted an unknown generation")
	}
}

// stubServer answers /version and /me as configured and counts the requests.
type stubServer struct {
	version     string // "" answers 404
	me          map[string]any
	meStatus    int
	versionHits atomic.Int32
	meHits      atomic.Int32
	delay       time.Duration
}

func (s *stubServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	time.Sleep(s.delay)
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/api/version":
		s.versionHits.Add(1)
		if s.version == "" {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"detail":"Not Found"}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"backend_version": s.version})
	case "/api/me":
		s.meHits.Add(1)
		if s.meStatus != 0 {
			w.WriteHeader(s.meStatus)
			_, _ = w.Write([]byte(`{"detail":"Access denied. User is not authenticated."}`))
			return
		}
		_ = json.NewEncoder(w).Encode(s.me)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func stubClient(t *testing.T, h http.Handler) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(Config{Endpoint: srv.URL, Token: "on_stub-token-0123456789",
		HTTP: httpclient.Config{MaxRetries: 0, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Builds without a release number fall back to the shape of /me.
func TestGenerationFromShape(t *testing.T) {
	for _, tc := range []struct {
		name    string
		stub    *stubServer
		want    Generation
		meCalls int32
	}{
		{"release", &stubServer{version: "v4.7.0-cloud.1"}, GenerationCurrent, 0},
		{"dev build, account_type", &stubServer{version: "development", me: map[string]any{"email": "a@x", "account_type": "STANDARD"}}, GenerationCurrent, 1},
		{"dev build, role", &stubServer{version: "0.0.0-dev", me: map[string]any{"email": "a@x", "role": "admin"}}, GenerationV46, 1},
		{"no version route", &stubServer{me: map[string]any{"email": "a@x", "role": "admin"}}, GenerationV46, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := stubClient(t, tc.stub)
			got, err := c.Generation(context.Background())
			if err != nil || got != tc.want || tc.stub.meHits.Load() != tc.meCalls {
				t.Errorf("Generation() = %q, %v after %d /me calls; want %q after %d", got, err, tc.stub.meHits.Load(), tc.want, tc.meCalls)
			}
		})
	}
}

// A failed detection is reported (naming the setting that skips it) and not cached.
func TestGenerationFailureIsNotCached(t *testing.T) {
	stub := &stubServer{version: "development", meStatus: http.StatusForbidden}
	c := stubClient(t, stub)
	_, err := c.Generation(context.Background())
	if err == nil || !containsAll(err.Error(), "API generation", "403") {
		t.Fatalf("detection error: %v", err)
	}
	stub.meStatus, stub.me = 0, map[string]any{"account_type": "STANDARD"}
	if got, err := c.Generation(context.Background()); err != nil || got != GenerationCurrent {
		t.Errorf("second try: %q %v", got, err)
	}
	stub.me = map[string]any{"email": "a@x"}
	if got, err := c.Generation(context.Background()); err != nil || got != GenerationCurrent {
		t.Errorf("cached: %q %v", got, err)
	}
	unknown := stubClient(t, &stubServer{version: "development", me: map[string]any{"email": "a@x"}})
	if _, err := unknown.Generation(context.Background()); err == nil {
		t.Error("a /me without account_type or role settled the generation")
	}
}

// Concurrent callers share one detection.
func TestGenerationDetectionIsConcurrencySafe(t *testing.T) {
	stub := &stubServer{version: "v4.6.1", delay: 20 * time.Millisecond}
	c := stubClient(t, stub)
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, err := c.Generation(context.Background()); err != nil || got != GenerationV46 {
				t.Errorf("Generation() = %q, %v", got, err)
			}
		}()
	}
	wg.Wait()
	if n := stub.versionHits.Load(); n != 1 {
		t.Errorf("%d detections for 16 concurrent callers", n)
	}
}
