package mockapi

import (
	"strings"
	"testing"
	"time"
)

func TestFaultRuleValidate(t *testing.T) {
	bad := []FaultRule{
		{Kind: "explode"},
		{Kind: FaultStatus},
		{Kind: FaultStatus, Status: 700},
		{Kind: FaultStatus, Status: 500, Body: []byte("{not json")},
		{Kind: FaultSlow},
		{Kind: FaultSlowResponse},
		{Kind: FaultReset, Times: -1},
		{Kind: FaultReset, Probability: 1.5},
	}
	for _, r := range bad {
		if err := r.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil, want an error", r)
		}
	}
	good := []FaultRule{
		{Kind: FaultStatus, Status: 429, RetryAfter: "1"},
		{Kind: FaultSlow, Delay: Duration(time.Millisecond)},
		{Kind: FaultReset, Times: 2},
		{Kind: FaultLostResponse, Probability: 0.5},
		{Kind: FaultSlowResponse, Delay: Duration(time.Second)},
		{Kind: FaultTruncated, Times: 1},
	}
	for _, r := range good {
		if err := r.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v", r, err)
		}
	}
}

func TestFaultsSetKeepsOldRulesWhenOneIsInvalid(t *testing.T) {
	f := NewFaults()
	if err := f.Set(FaultRule{Kind: FaultReset}); err != nil {
		t.Fatal(err)
	}
	if err := f.Set(FaultRule{Kind: FaultStatus, Status: 503}, FaultRule{Kind: "nope"}); err == nil {
		t.Fatal("Set with an invalid rule succeeded")
	}
	if rules := f.Rules(); len(rules) != 1 || rules[0].Kind != FaultReset {
		t.Fatalf("rules changed by a rejected Set: %+v", rules)
	}
}

func TestStatusFaultAnswersWithoutApplying(t *testing.T) {
	api := &countingAPI{}
	srv, log, faults := newTestServer(t, api, nil)
	if err := faults.Set(FaultRule{Kind: FaultStatus, Status: 429, RetryAfter: "2", Times: 1}); err != nil {
		t.Fatal(err)
	}

	resp, body := mustDo(t, "POST", srv.URL+"/api/things/", "{}")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2" {
		t.Fatalf("got %d Retry-After=%q, want 429 with Retry-After 2", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if !strings.Contains(body, `"detail"`) {
		t.Fatalf("fault body %q has no detail", body)
	}
	if api.applied.Load() != 0 {
		t.Fatal("a status fault must not reach the API handler")
	}

	resp, _ = mustDo(t, "POST", srv.URL+"/api/things/", "{}")
	if resp.StatusCode != 201 || api.applied.Load() != 1 {
		t.Fatalf("after times:1 was used up got %d, applied %d; want 201, 1", resp.StatusCode, api.applied.Load())
	}
	entries := log.Entries()
	if len(entries) != 2 || entries[0].Status != 429 || entries[0].Fault != FaultStatus || entries[1].Status != 201 || entries[1].Fault != "" {
		t.Fatalf("log = %+v", entries)
	}
}

func TestStatusFaultWithoutRetryAfterAndCustomBody(t *testing.T) {
	srv, _, faults := newTestServer(t, &countingAPI{}, nil)
	_ = faults.Set(FaultRule{Kind: FaultStatus, Status: 503, Body: []byte(`{"detail":"down"}`)})
	for i := 0; i < 3; i++ { // times 0: stays until cleared
		resp, body := mustDo(t, "GET", srv.URL+"/api/x/", "")
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "" || body != `{"detail":"down"}` {
			t.Fatalf("request %d: %d %q Retry-After=%q", i, resp.StatusCode, body, resp.Header.Get("Retry-After"))
		}
	}
	faults.Clear()
	if resp, _ := mustDo(t, "GET", srv.URL+"/api/x/", ""); resp.StatusCode != 201 {
		t.Fatalf("after Clear got %d", resp.StatusCode)
	}
}

func TestFaultMatchesMethodAndPathPrefix(t *testing.T) {
	api := &countingAPI{}
	srv, _, faults := newTestServer(t, api, nil)
	_ = faults.Set(FaultRule{Kind: FaultStatus, Status: 500, Method: "post", PathPrefix: "/api/groups/"})

	cases := []struct {
		method, path string
		want         int
	}{
		{"POST", "/api/groups/", 500},
		{"POST", "/api/groups/abc/", 500},
		{"GET", "/api/groups/", 201},
		{"POST", "/api/users/", 201},
	}
	for _, c := range cases {
		if resp, _ := mustDo(t, c.method, srv.URL+c.path, "{}"); resp.StatusCode != c.want {
			t.Errorf("%s %s = %d, want %d", c.method, c.path, resp.StatusCode, c.want)
		}
	}
}

func TestFaultMatchesExactPath(t *testing.T) {
	api := &countingAPI{}
	srv, _, faults := newTestServer(t, api, nil)
	_ = faults.Set(FaultRule{Kind: FaultStatus, Status: 500, Method: "POST", Path: "/api/keys"})

	cases := []struct {
		method, path string
		want         int
	}{
		{"POST", "/api/keys", 500},
		{"POST", "/api/keys/7/regenerate", 201},
		{"POST", "/api/keys/", 201},
		{"GET", "/api/keys", 201},
	}
	for _, c := range cases {
		if resp, _ := mustDo(t, c.method, srv.URL+c.path, "{}"); resp.StatusCode != c.want {
			t.Errorf("%s %s = %d, want %d", c.method, c.path, resp.StatusCode, c.want)
		}
	}
}

func TestResetClosesConnectionBeforeHandling(t *testing.T) {
	api := &countingAPI{}
	srv, log, faults := newTestServer(t, api, nil)
	_ = faults.Set(FaultRule{Kind: FaultReset, Times: 1})

	if _, _, err := do(t, "POST", srv.URL+"/api/x/", "{}"); err == nil {
		t.Fatal("expected a transport error from a reset connection")
	}
	if api.applied.Load() != 0 {
		t.Fatal("a reset must happen before the API handler runs")
	}
	if e := log.Entries(); len(e) != 1 || e[0].Fault != FaultReset || e[0].Status != 0 {
		t.Fatalf("log = %+v, want one entry with fault reset and status 0", e)
	}
}

func TestLostResponseAppliesTheWriteButSendsNothing(t *testing.T) {
	api := &countingAPI{}
	srv, log, faults := newTestServer(t, api, nil)
	_ = faults.Set(FaultRule{Kind: FaultLostResponse, Method: "POST", Times: 1})

	if _, _, err := do(t, "POST", srv.URL+"/api/x/", "{}"); err == nil {
		t.Fatal("expected a transport error from a lost response")
	}
	if api.applied.Load() != 1 {
		t.Fatalf("applied = %d, a lost response must apply the write", api.applied.Load())
	}
	if e := log.Entries(); len(e) != 1 || e[0].Fault != FaultLostResponse || e[0].Status != 201 {
		t.Fatalf("log = %+v, want the handler's 201 with fault lost_response", e)
	}
	if resp, _ := mustDo(t, "POST", srv.URL+"/api/x/", "{}"); resp.StatusCode != 201 || api.applied.Load() != 2 {
		t.Fatal("the rule should be used up after one request")
	}
}

func TestSlowFaultDelaysThenHandles(t *testing.T) {
	api := &countingAPI{}
	srv, log, faults := newTestServer(t, api, nil)
	const delay = 150 * time.Millisecond
	_ = faults.Set(
		FaultRule{Kind: FaultSlow, Delay: Duration(delay), Times: 1},
		FaultRule{Kind: FaultStatus, Status: 502, Times: 1},
	)

	start := time.Now()
	resp, _ := mustDo(t, "GET", srv.URL+"/api/x/", "")
	if elapsed := time.Since(start); elapsed < delay {
		t.Fatalf("answered after %v, want at least %v", elapsed, delay)
	}
	if resp.StatusCode != 502 {
		t.Fatalf("slow rule should let the next rule apply too, got %d", resp.StatusCode)
	}
	start = time.Now()
	resp, _ = mustDo(t, "GET", srv.URL+"/api/x/", "")
	if resp.StatusCode != 201 || time.Since(start) >= delay {
		t.Fatalf("second request: %d after %v, want a fast 201", resp.StatusCode, time.Since(start))
	}
	e := log.Entries()
	if len(e) != 2 || e[0].Fault != FaultStatus || e[0].Status != 502 || e[1].Fault != "" {
		t.Fatalf("log = %+v", e)
	}
}

func TestSlowAloneIsLoggedAsSlowWithTheHandlersStatus(t *testing.T) {
	srv, log, faults := newTestServer(t, &countingAPI{}, nil)
	_ = faults.Set(FaultRule{Kind: FaultSlow, Delay: Duration(time.Millisecond), Times: 1})
	mustDo(t, "GET", srv.URL+"/api/x/", "")
	if e := log.Entries(); len(e) != 1 || e[0].Fault != FaultSlow || e[0].Status != 201 {
		t.Fatalf("log = %+v", e)
	}
}

func TestProbabilityIsRepeatableWithASeed(t *testing.T) {
	pattern := func(seed uint64) string {
		f := NewFaults()
		f.Seed(seed)
		_ = f.Set(FaultRule{Kind: FaultStatus, Status: 500, Probability: 0.3})
		var b strings.Builder
		for i := 0; i < 2000; i++ {
			if f.plan(newRequest("GET", "/api/x/")).terminal != nil {
				b.WriteByte('x')
			} else {
				b.WriteByte('.')
			}
		}
		return b.String()
	}
	a, b := pattern(42), pattern(42)
	if a != b {
		t.Fatal("the same seed gave different fault sequences")
	}
	if a == pattern(43) {
		t.Fatal("different seeds gave the same sequence")
	}
	hits := strings.Count(a, "x")
	if hits < 500 || hits > 700 { // 2000 * 0.3 = 600, well outside 5 sigma when wrong
		t.Fatalf("probability 0.3 triggered %d times out of 2000", hits)
	}
}

func TestTimesIsSharedByConcurrentRequests(t *testing.T) {
	f := NewFaults()
	_ = f.Set(FaultRule{Kind: FaultReset, Times: 5})
	results := make(chan bool, 100)
	for i := 0; i < 100; i++ {
		go func() { results <- f.plan(newRequest("POST", "/api/x/")).terminal != nil }()
	}
	triggered := 0
	for i := 0; i < 100; i++ {
		if <-results {
			triggered++
		}
	}
	if triggered != 5 {
		t.Fatalf("times:5 triggered %d times under concurrency", triggered)
	}
	if len(f.Rules()) != 0 {
		t.Fatal("a used-up rule should be removed")
	}
}

func TestHookPathsAreNeverFaultedNorLogged(t *testing.T) {
	srv, log, faults := newTestServer(t, &countingAPI{}, nil)
	_ = faults.Set(FaultRule{Kind: FaultStatus, Status: 500})
	resp, _ := mustDo(t, "GET", srv.URL+"/__mock/requests", "")
	if resp.StatusCode != 200 {
		t.Fatalf("hook answered %d under a catch-all fault", resp.StatusCode)
	}
	if log.Count() != 0 {
		t.Fatalf("hook request was logged: %+v", log.Entries())
	}
}
