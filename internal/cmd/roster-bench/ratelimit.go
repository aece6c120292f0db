package main

import (
	"fmt"
	"path/filepath"
)

// rateRun is an apply against a mock that enforces the platform's write limit, with the provider paced to the
// same limit. The limit is scaled up from the documented one (the window stays one minute) so the run takes
// about a minute instead of many.
type rateRun struct {
	Platform   string
	Documented int // the platform's documented writes per minute
	Allowed    int // what the mock allowed in this run, writes per minute
	N          int
	Mix        mix
	Apply      result
	// Achieved is the admitted write rate between the first and the last admitted write, per minute.
	Achieved float64
	Failed   string
}

func (r rateRun) fraction() float64 {
	if r.Allowed == 0 {
		return 0
	}
	return r.Achieved / float64(r.Allowed)
}

func runRateLimited(tf *terraform, root string, p platformDef, allowed, n int) (rateRun, error) {
	run := rateRun{Platform: p.Name, Documented: p.WriteLimit, Allowed: allowed, N: n, Mix: mixOf(n, p.Keys)}
	m, err := serveMock(p, allowed)
	if err != nil {
		return run, err
	}
	defer m.Close()
	dir := filepath.Join(root, "rate-"+p.Name)
	if _, err := writeMixConfig(dir, p, m, p.PacedProvider(allowed), n); err != nil {
		return run, err
	}
	if run.Apply, err = tf.run(dir, stepApply, m); err != nil {
		return run, err
	}
	st := run.Apply.Requests
	if span := st.LastWrite.Sub(st.FirstWrite); st.Writes > 1 && span > 0 {
		run.Achieved = float64(st.Writes-1) / span.Minutes()
	}
	if !run.Apply.OK {
		run.Failed = fmt.Sprintf("apply exited %d; see %s:\n%s", run.Apply.ExitCode, run.Apply.LogFile, tail(run.Apply.LogFile, 15))
	}
	progress("  %-24s rate-limited apply of %d objects at %d writes/min: %.2fs, %s, achieved %.1f writes/min (%.1f%%), exit %d",
		p.Name, n, allowed, run.Apply.Wall.Seconds(), st, run.Achieved, 100*run.fraction(), run.Apply.ExitCode)
	return run, nil
}
