package unleash

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// fakeClock is a clock that only moves when a pacer sleeps on it, shared by the client's pacer and the
// mock's rate limiter so that minutes of pacing take no real time.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.slept += d
	return nil
}

func TestWindowPacer(t *testing.T) {
	clk := &fakeClock{now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := newWindowPacer(3, 10*time.Second)
	p.now, p.sleep = clk.Now, clk.Sleep
	ctx := context.Background()
	for i := range 3 {
		if err := p.wait(ctx); err != nil {
			t.Fatal(err)
		}
		if clk.slept != 0 {
			t.Fatalf("request %d waited %v; the first 3 in a window go at once", i+1, clk.slept)
		}
	}
	if err := p.wait(ctx); err != nil {
		t.Fatal(err)
	}
	if want := 10*time.Second + paceMargin; clk.slept != want {
		t.Errorf("4th request waited %v, want %v (until the 1st leaves the window)", clk.slept, want)
	}
	var nilPacer *windowPacer
	if err := nilPacer.wait(ctx); err != nil {
		t.Errorf("a nil pacer (pacing off) must not block: %v", err)
	}
	limited := newWindowPacer(1, time.Hour)
	if err := limited.wait(ctx); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := limited.wait(cancelled); err == nil {
		t.Error("waiting with a cancelled context succeeded")
	}
}

// With the server's default limit (20 a minute), 50 creates go through without a single 429: the client
// paces itself by the server's RateLimit headers. The clock is fake, so the two minutes of waiting take no
// time.
func TestFiftyUserCreatesArePaced(t *testing.T) {
	clk := &fakeClock{now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	mock := unleashmock.New(unleashmock.Options{Token: mockToken, Now: clk.Now})
	srv := httptest.NewServer(mock)
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL, Token: mockToken})
	if err != nil {
		t.Fatal(err)
	}
	c.serverPacer.now, c.serverPacer.sleep = clk.Now, clk.Sleep

	for i := range 50 {
		if _, err := c.CreateUser(context.Background(), platform.UserSpec{Email: fmt.Sprintf("u%02d@example.com", i), Name: "U"}); err != nil {
			t.Fatalf("user %d: %v", i, err)
		}
	}
	if n := throttled(mock); n != 0 {
		t.Errorf("%d answers were 429; pacing should avoid them", n)
	}
	if least := 2 * time.Minute; clk.slept < least {
		t.Errorf("waited %v in total, want at least %v for 50 creates at 20 a minute", clk.slept, least)
	}
}

// When the budget is spent anyway (another client on the same IP), the 429's Retry-After is honoured and the
// create goes through. The mock's clock runs ahead of real time so the window ends a second after the 429.
func TestUserCreateWaitsOutRetryAfter(t *testing.T) {
	var offset atomic.Int64
	now := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	mock := unleashmock.New(unleashmock.Options{Token: mockToken, UserCreatesPerMinute: 2, Now: now})
	srv := httptest.NewServer(mock)
	defer srv.Close()
	c, err := New(Config{
		Endpoint: srv.URL, Token: mockToken, UserCreatesPerMinute: -1,
		HTTP: httpclient.Config{MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := range 2 {
		if _, err := c.CreateUser(ctx, platform.UserSpec{Email: fmt.Sprintf("early%d@example.com", i), Name: "E"}); err != nil {
			t.Fatal(err)
		}
	}
	offset.Store(int64(59*time.Second + 500*time.Millisecond))
	start := time.Now()
	u, err := c.CreateUser(ctx, platform.UserSpec{Email: "late@example.com", Name: "L"})
	if err != nil {
		t.Fatalf("create after the budget was spent: %v", err)
	}
	if n := throttled(mock); n != 1 {
		t.Errorf("%d answers were 429, want 1", n)
	}
	if waited := time.Since(start); waited < 500*time.Millisecond {
		t.Errorf("retried after %v; Retry-After was not honoured", waited)
	}
	if users, _ := c.ListUsers(ctx, platform.UserFilter{Email: "LATE@example.com"}); len(users) != 1 || users[0].ID != u.ID {
		t.Errorf("users after the retried create: %+v", users)
	}
}

// throttled counts the mock's 429 answers.
func throttled(mock *unleashmock.Server) int {
	n := 0
	for _, e := range mock.Log().Entries() {
		if e.Status == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}
