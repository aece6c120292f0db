package main

import (
	"strings"
	"testing"
	"time"
)

// The most 429 answers within any minute: a sliding window, not per calendar minute.
func TestMaxWithin(t *testing.T) {
	at := func(seconds ...float64) []time.Time {
		base := time.Unix(1000, 0)
		out := make([]time.Time, len(seconds))
		for i, s := range seconds {
			out[len(seconds)-1-i] = base.Add(time.Duration(s * float64(time.Second))) // out of order on purpose
		}
		return out
	}
	for _, tc := range []struct {
		times []time.Time
		want  int
	}{
		{nil, 0},
		{at(5), 1},
		{at(0, 59.9, 61), 2},      // 0 and 59.9 share a minute; 61 is a minute after 0
		{at(50, 70, 100, 109), 4}, // all within 59 s, across a calendar minute's end
		{at(0, 60, 120), 1},
	} {
		if got := maxWithin(tc.times, time.Minute); got != tc.want {
			t.Errorf("maxWithin(%v) = %d, want %d", tc.times, got, tc.want)
		}
	}
}

// A paced run at the server's default limit is judged by its errors and its 429s in any minute; one at a raised
// limit by its wall time.
func TestPacedTargets(t *testing.T) {
	p, _ := platformByName("unleash")
	if p.UserCreateLimit != 20 {
		t.Fatalf("unleash's user-creation limit = %d, want its server's default 20", p.UserCreateLimit)
	}
	run := func(allowed int, wall time.Duration, errors int, throttled ...float64) pacedRun {
		res := result{Step: stepApply.Name, Wall: wall, OK: errors == 0, Errors: errors}
		base := time.Unix(1000, 0)
		for _, s := range throttled {
			res.Requests.ThrottledAt = append(res.Requests.ThrottledAt, base.Add(time.Duration(s*float64(time.Second))))
		}
		res.Requests.Throttled = len(throttled)
		return pacedRun{Platform: p.Name, Allowed: allowed, N: 30, Apply: res}
	}
	for _, tc := range []struct {
		name string
		run  pacedRun
		met  bool
	}{
		{"default, no 429", run(20, 62*time.Second, 0), true},
		{"default, two 429 in a minute", run(20, 62*time.Second, 0, 1, 50), true},
		{"default, three 429 in a minute", run(20, 62*time.Second, 0, 1, 50, 59), false},
		{"default, three 429 over two minutes", run(20, 130*time.Second, 0, 1, 50, 115), true},
		{"default, an error", run(20, 62*time.Second, 1), false},
		{"raised, seconds", run(1000, 9*time.Second, 0), true},
		{"raised, minutes", run(1000, 16*time.Second, 0), false},
		{"raised, an error", run(1000, 9*time.Second, 1), false},
	} {
		tg := tc.run.target(p.UserCreateLimit)
		if tg.Met != tc.met {
			t.Errorf("%s: %q against %q: met %t, want %t", tc.name, tg.Measured, tg.Goal, tg.Met, tc.met)
		}
	}
	if tg := run(1000, 9*time.Second, 0).target(20); !strings.Contains(tg.Goal, "15s") || !strings.Contains(tg.Name, "no writes_per_minute") {
		t.Errorf("raised-limit target %q: goal %q", tg.Name, tg.Goal)
	}
}
