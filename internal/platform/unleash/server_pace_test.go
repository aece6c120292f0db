package unleash

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// fastClock runs speed times faster than real time, for the mock's rate-limit window and the client's pacer
// alike, so that minutes of pacing take seconds while requests still overlap for real.
type fastClock struct {
	start time.Time
	base  time.Time
	speed int64
}

func newFastClock(speed int64) *fastClock {
	return &fastClock{start: time.Now(), base: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), speed: speed}
}

func (c *fastClock) Now() time.Time {
	return c.base.Add(time.Duration(int64(time.Since(c.start)) * c.speed))
}

func (c *fastClock) Sleep(ctx context.Context, d time.Duration) error {
	return sleepCtx(ctx, d/time.Duration(c.speed))
}

// createUsers creates n users from parallel goroutines, as Terraform's parallelism does.
func createUsers(t *testing.T, c *Client, n, parallel int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	next := atomic.Int32{}
	for range parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)); i <= n; i = int(next.Add(1)) {
				if _, err := c.CreateUser(context.Background(), platform.UserSpec{Email: fmt.Sprintf("u%03d@example.com", i), Name: "U"}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// 100 users with parallelism 10 against the server's default of 20 a minute: no error, and the server's
// budget is never overrun (a 429 would be one request too many in a window).
func TestParallelCreatesKeepToTheServersBudget(t *testing.T) {
	clk := newFastClock(60)
	mock := unleashmock.New(unleashmock.Options{Token: mockToken, Now: clk.Now})
	srv := httptest.NewServer(mock)
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL, Token: mockToken, HTTP: httpclient.Config{MaxRetries: 3, RequestTimeout: 30 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	c.serverPacer.now, c.serverPacer.sleep = clk.Now, clk.Sleep
	start := clk.Now()
	createUsers(t, c, 100, 10)
	minutes := clk.Now().Sub(start).Minutes()
	if n := throttled(mock); n > 0 {
		t.Errorf("%d answers were 429 in %.1f minutes; the client should keep to the budget the server announces", n, minutes)
	}
	if minutes < 4 {
		t.Errorf("100 creates at 20 a minute took %.1f minutes; the server's limit was not kept", minutes)
	}
	// The first window opens at once and each of the four others a minute later.
	if minutes > 4.5 {
		t.Errorf("100 creates at 20 a minute took %.1f minutes; part of the budget the server announced went unused", minutes)
	}
}

// A server that allows 1,000 creations a minute is not slowed down to the default 20: besides the first
// request, which goes alone to learn the budget, nothing waits.
func TestCreatesGoAtFullSpeedWhenTheServerAllows(t *testing.T) {
	for _, limit := range []int{1000, -1} { // -1: a server that sends no RateLimit headers
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			mock := unleashmock.New(unleashmock.Options{Token: mockToken, UserCreatesPerMinute: limit})
			srv := httptest.NewServer(mock)
			defer srv.Close()
			c, err := New(Config{Endpoint: srv.URL, Token: mockToken})
			if err != nil {
				t.Fatal(err)
			}
			var longest atomic.Int64
			c.serverPacer.sleep = func(ctx context.Context, d time.Duration) error {
				if int64(d) > longest.Load() {
					longest.Store(int64(d))
				}
				return sleepCtx(ctx, d)
			}
			createUsers(t, c, 100, 10)
			if d := time.Duration(longest.Load()); d > probeWait {
				t.Errorf("a create waited %v; the server allows far more than were sent", d)
			}
			if n := throttled(mock); n != 0 {
				t.Errorf("%d answers were 429", n)
			}
		})
	}
}

func TestServerPacerReadsTheAnswers(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newServerPacer()
	p.now = func() time.Time { return now }
	take := func() (time.Duration, bool) { return p.take() }
	if _, ok := take(); !ok {
		t.Fatal("the first request must go")
	}
	if d, ok := take(); ok || d != probeWait {
		t.Fatalf("a second request went (%v) before the first answer told the budget", d)
	}
	p.done(http.Header{"Ratelimit-Limit": {"20"}, "Ratelimit-Remaining": {"2"}, "Ratelimit-Reset": {"30"}}, http.StatusCreated)
	for i := range 2 {
		if _, ok := take(); !ok {
			t.Fatalf("request %d of the 2 remaining did not go", i+1)
		}
	}
	if d, ok := take(); ok || d != 30*time.Second {
		t.Fatalf("with the budget spent: went %v, wait %v; want a wait of 30s until the window ends", ok, d)
	}
	// Another client spent the budget: the 429's Retry-After holds everyone.
	p.done(http.Header{"Retry-After": {"45"}}, http.StatusTooManyRequests)
	if d, ok := take(); ok || d != 45*time.Second {
		t.Fatalf("after a 429: went %v, wait %v; want 45s", ok, d)
	}
	now = now.Add(46 * time.Second)
	if _, ok := take(); !ok {
		t.Fatal("after the window ended a request must go")
	}
}

// Answers read in another order than the server counted their requests take nothing from the budget twice:
// the pacer counted each request when it let it go. Only a server that counted more than were sent (another
// client spending the same budget) lowers it.
func TestServerPacerCountsEachRequestOnce(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newServerPacer()
	p.now = func() time.Time { return now }
	answer := func(remaining int) {
		p.done(http.Header{"Ratelimit-Limit": {"20"}, "Ratelimit-Remaining": {fmt.Sprint(remaining)}, "Ratelimit-Reset": {"60"}}, http.StatusCreated)
	}
	goes := func(n int) {
		t.Helper()
		for i := range n {
			if d, ok := p.take(); !ok {
				t.Fatalf("request %d of %d waited %v", i+1, n, d)
			}
		}
	}
	goes(1)
	answer(19)
	goes(2)    // the server counts them as the 2nd and the 3rd of the window
	answer(17) // the 3rd's answer is read first,
	answer(18) // then the 2nd's
	goes(17)
	if d, ok := p.take(); ok || d != 60*time.Second {
		t.Fatalf("with the window's 20 sent: went %v, wait %v; want a wait of 60s", ok, d)
	}
	for remaining := 16; remaining >= 0; remaining-- {
		answer(remaining)
	}

	now = now.Add(61 * time.Second)
	goes(1)   // opens the next window: 19 left
	answer(5) // another client has spent 14 of them
	goes(5)
	if _, ok := p.take(); ok {
		t.Fatal("a request went beyond what the server said was left")
	}
}

// A server that announces a window far longer than Unleash's minute fails the request at once instead of
// stalling the run for a day.
func TestServerPacerRefusesAnEndlessWait(t *testing.T) {
	p := newServerPacer()
	if _, ok := p.take(); !ok {
		t.Fatal("the first request must go")
	}
	p.done(http.Header{"Ratelimit-Limit": {"20"}, "Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"86400"}}, http.StatusCreated)
	slept := false
	p.sleep = func(context.Context, time.Duration) error { slept = true; return nil }
	err := p.wait(context.Background())
	if err == nil || slept || !strings.Contains(err.Error(), "resets in 24h0m0s") {
		t.Fatalf("wait = %v (slept %v); want an error naming the announced wait, without sleeping", err, slept)
	}
}
