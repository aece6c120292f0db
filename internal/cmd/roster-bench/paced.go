package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"time"
)

// The paced user-creation scenario (issue 18): an apply of users against a mock that limits user creation as
// the platform's server does (Unleash: CREATE_USER_RATE_LIMIT_PER_MINUTE, a 429 with Retry-After, draft-6
// RateLimit-* headers on every limited answer), with no writes_per_minute in the provider block: the provider
// paces from the server's headers alone.

const (
	// pacedFastUsers at pacedFastAllowed a minute: a server whose limit was raised. The apply must take
	// seconds, not minutes; pacedFastBound says how many.
	pacedFastUsers   = 100
	pacedFastAllowed = 1000
	pacedFastBound   = 15 * time.Second
	// pacedDefaultUsers at the server's default limit: more than one window's budget (20), so the apply
	// crosses a window's end, where pacing can draw 429s; no more than two windows' budgets, so it takes about
	// one minute (100 users would take five).
	pacedDefaultUsers = 30
	// pacedMax429 bounds the 429 answers within any minute of the default-limit apply.
	pacedMax429 = 2
)

// pacedRun is one paced apply of N users against a mock that allows Allowed user creations a minute.
type pacedRun struct {
	Platform string
	Allowed  int
	N        int
	Apply    result
	Failed   string
}

// max429 is the most 429 answers within any minute of the apply.
func (r pacedRun) max429() int { return maxWithin(r.Apply.Requests.ThrottledAt, time.Minute) }

// maxWithin is the most times within any span of length window.
func maxWithin(times []time.Time, window time.Duration) int {
	sorted := slices.SortedFunc(slices.Values(times), func(a, b time.Time) int { return a.Compare(b) })
	most, first := 0, 0
	for last, t := range sorted {
		for t.Sub(sorted[first]) >= window {
			first++
		}
		most = max(most, last-first+1)
	}
	return most
}

func runPaced(tf *terraform, root string, p platformDef, allowed, n int) (pacedRun, error) {
	run := pacedRun{Platform: p.Name, Allowed: allowed, N: n}
	m, err := serveThis(p, p.NewMockLimitingUsers(allowed))
	if err != nil {
		return run, err
	}
	defer m.Close()
	dir := filepath.Join(root, fmt.Sprintf("paced-%s-%d", p.Name, allowed))
	if err := writeDir(dir, usersConfig(p, m.URL, m.Token, n)); err != nil {
		return run, err
	}
	if run.Apply, err = tf.run(dir, stepApply, m); err != nil {
		return run, err
	}
	if !run.Apply.OK {
		run.Failed = fmt.Sprintf("apply exited %d; see %s:\n%s", run.Apply.ExitCode, run.Apply.LogFile, tail(run.Apply.LogFile, 15))
	}
	progress("  %-24s paced apply of %d users, the server allowing %d a minute: %.2fs, %s, exit %d",
		p.Name, n, allowed, run.Apply.Wall.Seconds(), run.Apply.Requests, run.Apply.ExitCode)
	return run, nil
}

// pacedTarget judges a paced run: the raised limit's by its wall time, the default limit's by its 429s.
func (r pacedRun) target(defaultLimit int) target {
	res := r.Apply
	t := target{Platform: r.Platform}
	failures := fmt.Sprintf("exit %d, %d errors", res.ExitCode, res.Errors)
	if r.Allowed == defaultLimit {
		t.Name = fmt.Sprintf("Paced user creation, the server's default %d a minute: %d users, no writes_per_minute", r.Allowed, r.N)
		t.Goal = fmt.Sprintf("0 errors, <= %d answers of 429 in any minute", pacedMax429)
		t.Measured = fmt.Sprintf("%s; %d answers of 429, at most %d in one minute; %.1fs", failures, res.Requests.Throttled, r.max429(), res.Wall.Seconds())
		t.Met = res.OK && res.Errors == 0 && r.max429() <= pacedMax429
		return t
	}
	t.Name = fmt.Sprintf("Paced user creation, %d a minute allowed: %d users, no writes_per_minute", r.Allowed, r.N)
	t.Goal = fmt.Sprintf("<= %s (seconds, not minutes), 0 errors", pacedFastBound)
	t.Measured = fmt.Sprintf("%.2fs; %s; %d answers of 429", res.Wall.Seconds(), failures, res.Requests.Throttled)
	t.Met = res.OK && res.Errors == 0 && res.Wall <= pacedFastBound
	return t
}

func (r *report) pacedTargets() []target {
	var out []target
	for _, run := range r.paced {
		p, _ := platformByName(run.Platform)
		out = append(out, run.target(p.UserCreateLimit))
	}
	return out
}

func (r *report) renderPaced(w writer) {
	if len(r.paced) == 0 {
		return
	}
	w("## Paced user creation\n\n")
	w("An apply of users against a mock that limits user creation as the server does (Unleash's CREATE_USER_RATE_LIMIT_PER_MINUTE: ")
	w("a 429 with `Retry-After`, `RateLimit-*` headers on every limited answer), with no `writes_per_minute` in the provider block, so ")
	w("the provider paces from the server's headers alone (see Method for the number of users at the default limit).\n\n")
	w("| platform | allowed | users | wall (s) | admitted writes | 429 answers | most 429 in one minute | exit | errors |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, run := range r.paced {
		st := run.Apply.Requests
		w("| %s | %d/min | %d | %.2f | %d | %d | %d | %d | %d |\n", run.Platform, run.Allowed, run.N, run.Apply.Wall.Seconds(), st.Writes, st.Throttled, run.max429(), run.Apply.ExitCode, run.Apply.Errors)
	}
	w("\n")
	for _, run := range r.paced {
		if run.Failed != "" {
			w("- %s: %s\n", run.Platform, codeSpan(run.Failed))
		}
	}
}
