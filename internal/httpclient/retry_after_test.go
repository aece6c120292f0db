package httpclient

import (
	"net/http"
	"testing"
	"time"
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
		{"100000", maxRetryAfter, true},
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
