package httpclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{"0", 0, true},
		{"-5", 0, true},
		{"100000", 100000 * time.Second, true},
		{"99999999999999999999", 0, false},
		{"9999999999999", maxRetryAfter.Truncate(time.Second), true},
		{now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second, true},
		{"soon", 0, false},
	}
	for _, tc := range cases {
		got, ok := parseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBackoffHonoursRetryAfterOn429(t *testing.T) {
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"2"}}}
	if got := backoff(time.Millisecond, 10*time.Millisecond, 1, resp); got != 2*time.Second {
		t.Errorf("backoff = %v, want the server's 2s", got)
	}
	resp = &http.Response{StatusCode: http.StatusInternalServerError, Header: http.Header{"Retry-After": {"2"}}}
	if got := backoff(time.Millisecond, 10*time.Millisecond, 1, resp); got > 10*time.Millisecond {
		t.Errorf("backoff for a 500 = %v, want capped exponential", got)
	}
}

// retryAfterServer answers status with Retry-After: wait and a JSON message until it has answered times
// times, then 200.
func retryAfterServer(t *testing.T, status int, wait string, times int32) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) > times {
			_, _ = w.Write([]byte(`{}`))
			return
		}
		w.Header().Set("Retry-After", wait)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"detail":"come back tomorrow"}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func budgetClient(t *testing.T, baseURL string) *Client {
	t.Helper()
	c, err := New(Config{BaseURL: baseURL, MaxRetries: 3, RequestTimeout: 2 * time.Second,
		DecodeError: func(apiErr *platform.APIError, resp *Response) error {
			var body struct{ Detail string }
			_ = resp.JSON(&body)
			apiErr.Message = body.Detail
			return apiErr
		}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A Retry-After longer than the retry budget (here 3 retries × 2 s) fails at once, with the server's message
// and the wait it asked for, on 429 for any method and on 503 for a request safe to resend.
func TestRetryAfterBeyondTheBudgetFailsAtOnce(t *testing.T) {
	for _, tc := range []struct {
		method string
		status int
	}{{http.MethodGet, http.StatusTooManyRequests}, {http.MethodPost, http.StatusTooManyRequests}, {http.MethodPut, http.StatusServiceUnavailable}} {
		srv, calls := retryAfterServer(t, tc.status, "86400", 1)
		c := budgetClient(t, srv.URL)
		// The deadline only keeps a broken budget from waiting a day; it is longer than the budget.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		start := time.Now()
		_, err := c.Do(ctx, Request{Method: tc.method, Path: "/x"})
		cancel()
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s %d: took %v", tc.method, tc.status, took)
		}
		want := "come back tomorrow: the server asked to wait 86400 s, more than the retry budget allows (6 s left of max_retries × request_timeout)"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s %d: got %v, want %q", tc.method, tc.status, err, want)
		}
		if n := calls.Load(); n != 1 {
			t.Errorf("%s %d: %d requests, want 1", tc.method, tc.status, n)
		}
	}
}

// A wait within the budget is honoured; one past the caller's deadline is not.
func TestRetryAfterWithinTheBudgetIsWaited(t *testing.T) {
	srv, calls := retryAfterServer(t, http.StatusTooManyRequests, "1", 1)
	c := budgetClient(t, srv.URL)
	start := time.Now()
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < time.Second || calls.Load() != 2 {
		t.Errorf("%d requests in %v, want 2 after the 1 s the server asked for", calls.Load(), took)
	}

	srv, calls = retryAfterServer(t, http.StatusTooManyRequests, "2", 1)
	c = budgetClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x"})
	if err == nil || !strings.Contains(err.Error(), "the server asked to wait 2 s, more than the retry budget allows (1 s left") || calls.Load() != 1 {
		t.Errorf("%d requests, %v", calls.Load(), err)
	}
}
