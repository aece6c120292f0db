package secoda_test

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A create whose response is lost after the server applied it is adopted, not duplicated.
func TestContractLostCreateResponseIsAdopted(t *testing.T) {
	e := newEnv(t)
	lose := func(path string) {
		if err := e.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: "POST", PathPrefix: path, Times: 1}); err != nil {
			t.Fatal(err)
		}
	}

	lose("/api/v1/user/")
	u, err := e.client.CreateUser(e.ctx, platform.UserSpec{Email: "Ada@Example.com", Name: "Ada Lovelace", Role: ptr("viewer")})
	if err != nil {
		t.Fatalf("CreateUser after a lost response: %v", err)
	}
	if u.ID == "" || u.Name != "Ada Lovelace" || u.Role != "viewer" {
		t.Errorf("adopted user = %#v", u)
	}
	lose("/api/v1/auth/group/")
	g, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "ops", Members: []string{u.ID}})
	if err != nil {
		t.Fatalf("CreateGroup after a lost response: %v", err)
	}
	if g.ID == "" || len(g.Members) != 1 {
		t.Errorf("adopted group = %#v", g)
	}

	s := e.state()
	if s.Counts["users"] != 2 || s.Counts["groups"] != 1 {
		t.Errorf("state = %+v; want no duplicates", s)
	}
	if n := count(e, "POST", ""); n != 2 {
		t.Errorf("%d POSTs; a write whose answer was lost must not be resent blindly", n)
	}
	lost := 0
	for _, entry := range e.mock.Log().Entries() {
		if entry.Fault == mockapi.FaultLostResponse {
			lost++
		}
	}
	if lost != 2 {
		t.Errorf("%d lost responses in the log, want 2", lost)
	}
}

// When the server never saw the create (a 503 from a proxy), the lookup finds nothing and create runs again.
func TestContractFailedCreateIsRetriedAfterLookup(t *testing.T) {
	e := newEnv(t)
	if err := e.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultStatus, Status: http.StatusBadGateway, Method: "POST", Times: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "ops"}); err != nil {
		t.Fatal(err)
	}
	if s := e.state(); s.Counts["groups"] != 1 || count(e, "POST", "") != 2 {
		t.Errorf("state %+v after %d POSTs", s, count(e, "POST", ""))
	}
}

// offsetClock is the real clock plus a jump the test controls, so a minute-long window can be crossed
// quickly while Retry-After still counts real seconds.
type offsetClock struct {
	offset atomic.Int64
}

func (c *offsetClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// A write refused with 429 is retried after the server's Retry-After and succeeds; Terraform sees no error.
func TestContractThrottledWriteIsRetried(t *testing.T) {
	t.Parallel() // mostly waiting; runs beside the rest
	clock := &offsetClock{}
	e := newEnv(t, envOptions{mockWritesPerMinute: 2, clientWritesPerMinute: -1, now: clock.Now, maxRetries: 2})
	for i := range 2 {
		if _, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "g" + strconv.Itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	// 59.5 seconds later the window is still full; it frees up half a second after that.
	clock.offset.Store(int64(59500 * time.Millisecond))
	start := time.Now()
	if _, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "third"}); err != nil {
		t.Fatalf("throttled create: %v", err)
	}
	waited := time.Since(start)

	var statuses []int
	for _, entry := range e.mock.Log().Matching("POST", "") {
		statuses = append(statuses, entry.Status)
	}
	if len(statuses) != 4 || statuses[2] != http.StatusTooManyRequests || statuses[3] != http.StatusCreated {
		t.Errorf("POST statuses = %v, want 201 201 429 201", statuses)
	}
	if waited < 900*time.Millisecond {
		t.Errorf("retried after %v; Retry-After said 1s", waited)
	}
	if s := e.state(); s.Counts["groups"] != 3 {
		t.Errorf("groups = %d, want 3", s.Counts["groups"])
	}
}

// After the retries run out, the error says what to do.
func TestContractThrottlingExhaustsRetries(t *testing.T) {
	e := newEnv(t, envOptions{mockWritesPerMinute: 1, clientWritesPerMinute: -1, maxRetries: 0})
	if _, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	_, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "b"})
	if err == nil || platform.IsAmbiguous(err) {
		t.Fatalf("second write: %v; want a plain 429 error (a 429 means nothing was applied)", err)
	}
	for _, frag := range []string{"429", "Request was throttled", "writes_per_minute"} {
		if !strings.Contains(err.Error(), frag) {
			t.Errorf("error %q does not mention %q", err, frag)
		}
	}
}

// 40 writes from 10 workers (Terraform's default parallelism) against a mock limited to 600 a minute, with
// the client paced at the same rate: no request fails and no window of the log holds more than the limit.
func TestContractPacedWritesStayUnderTheLimit(t *testing.T) {
	t.Parallel() // mostly waiting; runs beside the rest
	const perMinute, writes, workers = 600, 40, 10
	e := newEnv(t, envOptions{mockWritesPerMinute: perMinute, clientWritesPerMinute: perMinute, maxRetries: 2})
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		next atomic.Int64
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > writes {
					return
				}
				if _, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "g" + strconv.FormatInt(i, 10)}); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d writes failed, first: %v", len(errs), errs[0])
	}

	entries := e.mock.Log().Matching("POST", "")
	times := make([]time.Time, 0, len(entries))
	for _, entry := range entries {
		if entry.Status != http.StatusCreated {
			t.Errorf("a write got %d", entry.Status)
		}
		times = append(times, entry.Time)
	}
	if len(times) != writes {
		t.Fatalf("%d POSTs reached the server, want %d", len(times), writes)
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	// perSecond writes may start within any second. The slack absorbs arrival jitter on a loaded 2-core
	// machine (up to ~150 ms seen at load 16), not a burst: without pacing the writes land within
	// milliseconds, far inside the remaining half second. The average rate below is the precise check.
	const perSecond, slack = perMinute / 60, 500 * time.Millisecond
	for i := 0; i+perSecond < len(times); i++ {
		if gap := times[i+perSecond].Sub(times[i]); gap < time.Second-slack {
			t.Errorf("writes %d..%d arrived within %v: more than %d per second", i, i+perSecond, gap, perSecond)
			break
		}
	}
	span := times[len(times)-1].Sub(times[0])
	observed := float64(len(times)-1) / span.Minutes()
	t.Logf("%d writes in %v: %.0f per minute (limit %d)", len(times), span.Round(time.Millisecond), observed, perMinute)
	if observed > perMinute*1.02 {
		t.Errorf("observed %.0f writes per minute, limit %d", observed, perMinute)
	}
}

// With no pace configured the client keeps Secoda's documented 30 per minute: the second write waits ~2s.
func TestContractDefaultPaceIsThirtyPerMinute(t *testing.T) {
	t.Parallel() // mostly waiting; runs beside the rest
	e := newEnv(t, envOptions{mockWritesPerMinute: 0, clientWritesPerMinute: 0, maxRetries: 0})
	for _, name := range []string{"a", "b"} {
		if _, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	posts := e.mock.Log().Matching("POST", "")
	if gap := posts[1].Time.Sub(posts[0].Time); gap < 1900*time.Millisecond {
		t.Errorf("second write %v after the first; 30 per minute means 2s apart", gap)
	}
	// Reads are not paced.
	start := time.Now()
	for range 3 {
		if _, err := e.client.ListGroups(e.ctx, platform.GroupFilter{}); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("three reads took %v", d)
	}
}
