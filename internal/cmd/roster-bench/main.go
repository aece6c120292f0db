// Command roster-bench measures the roster provider with the real terraform binary against in-process platform
// mocks and writes BENCHMARKS.md. scripts/bench.sh (make bench) builds it and the provider, points a temporary
// dev_overrides CLI configuration at a copy of this program named terraform-provider-roster (the wrapper that
// measures the provider processes, see wrapper.go) and runs it:
//
//	roster-bench -terraform PATH -workdir DIR -out BENCHMARKS.md [-sizes 100,1000] [-platforms a,b]
//	             [-big-ladder 1000,2000 -big-members 10000] [-rate-limit 240 -rate-objects 280] [-gobench FILE]
//
// Scenarios: apply / plan / plan -refresh=false (and with -destroy, destroy) of N objects per platform beside
// the same N of terraform_data and of two no-op plugin providers (the floors); the growth runs of each client; a
// no-change plan of a group with 10,000 members; an apply paced to a platform's write limit; applies of users
// against a server's own limit on user creation (paced.go). Each is judged against the targets of issues 9 and
// 18 (see targets.go).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

type options struct {
	terraform    string
	workdir      string
	out          string
	sizes        []int
	platforms    []platformDef
	bigSizes     []int
	rateLimit    int
	rateObjects  int
	gobench      string
	command      string
	budget       time.Duration
	timeout      time.Duration
	bigTimeout   time.Duration
	bigMembers   int
	since        int64
	source       string
	skipScale    bool
	destroy      bool
	skipBigGroup bool
	skipRate     bool
	skipPaced    bool
	growthSizes  []int
	growthLimit  time.Duration
	skipGrowth   bool
}

func main() {
	if code, isProvider := runAsProvider(); isProvider {
		os.Exit(code)
	}
	opts, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "roster-bench:", err)
		os.Exit(2)
	}
	if err := run(opts); err != nil {
		fmt.Fprintln(os.Stderr, "roster-bench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (options, error) {
	var o options
	var sizes, platforms, bigSizes, growthSizes string
	fs := flag.NewFlagSet("roster-bench", flag.ContinueOnError)
	fs.StringVar(&o.terraform, "terraform", "terraform", "terraform binary")
	fs.StringVar(&o.workdir, "workdir", "", "scratch directory for configurations, state and logs (required)")
	fs.StringVar(&o.out, "out", "BENCHMARKS.md", "report to write")
	// The targets are judged at N=1000; smaller runs were dropped to leave the budget to the growth runs.
	fs.StringVar(&sizes, "sizes", "1000", "numbers of managed objects per platform")
	fs.StringVar(&platforms, "platforms", "", "platforms to run (default: every platform in the table)")
	fs.StringVar(&bigSizes, "big-ladder", "1000,2000", "member counts of the big-group ladder (apply and plan each), ascending; with the judged group they are the sizes of the memory check")
	fs.IntVar(&o.rateLimit, "rate-limit", 240, "writes per minute the mock allows (and the provider is paced to) in the rate-limited apply")
	fs.IntVar(&o.rateObjects, "rate-objects", 280, "objects in the rate-limited apply (more than -rate-limit, so the window turns over)")
	fs.StringVar(&o.gobench, "gobench", "", "output of `go test -bench` (micro-benchmarks and mock throughput) to include")
	fs.StringVar(&o.command, "command", "", "the command that started the run, for the report")
	fs.DurationVar(&o.timeout, "timeout", 5*time.Minute, "time limit of one terraform command (a third of the budget: one command over it has spent the run's)")
	fs.DurationVar(&o.bigTimeout, "big-timeout", 60*time.Second, "time limit of one terraform command of the big-group scenario")
	fs.IntVar(&o.bigMembers, "big-members", 10000, "members of the judged big group (a no-change plan of it)")
	fs.DurationVar(&o.budget, "budget", 15*time.Minute, "time the whole `make bench` should stay under; the report says whether it did")
	fs.Int64Var(&o.since, "since", 0, "Unix time at which `make bench` started (builds included), for the wall-time target")
	fs.StringVar(&o.source, "source", "", "the provider's source as built (git describe --dirty at build time; default: at the end of the run)")
	fs.BoolVar(&o.skipScale, "skip-scale", false, "skip the N-object runs")
	// A terraform destroy of 1000 objects takes about a minute on every platform and on the floor alike (terraform's
	// own work), which the budget cannot hold; the growth runs measure every client's deletes.
	fs.BoolVar(&o.destroy, "destroy", false, "end each N-object run with a terraform destroy (about a minute per platform and for the floor)")
	fs.BoolVar(&o.skipBigGroup, "skip-big-group", false, "skip the big-group runs")
	fs.BoolVar(&o.skipRate, "skip-rate", false, "skip the rate-limited apply")
	fs.BoolVar(&o.skipPaced, "skip-paced", false, "skip the paced user-creation applies (a server's own limit on user creation)")
	fs.StringVar(&growthSizes, "growth-sizes", "250,1000,4000", "sizes of the growth runs (requests and bytes per object), ascending; the last two are compared")
	// A linear client's phase at the largest size takes a few seconds (up to about 10 on a loaded machine). A phase
	// over the limit ends that mix and costs the limit once.
	fs.DurationVar(&o.growthLimit, "growth-phase-limit", 30*time.Second, "time limit of one phase of a growth run")
	fs.BoolVar(&o.skipGrowth, "skip-growth", false, "skip the growth runs")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.workdir == "" {
		return o, fmt.Errorf("-workdir is required")
	}
	var err error
	if o.sizes, err = intList(sizes); err != nil {
		return o, fmt.Errorf("-sizes: %w", err)
	}
	if o.growthSizes, err = intList(growthSizes); err != nil || len(o.growthSizes) < 2 {
		return o, fmt.Errorf("-growth-sizes: want at least two ascending numbers, got %q", growthSizes)
	}
	if o.bigSizes, err = intList(bigSizes); err != nil || len(o.bigSizes) == 0 {
		return o, fmt.Errorf("-big-ladder: want ascending numbers, got %q", bigSizes)
	}
	for i := 1; i < len(o.bigSizes); i++ {
		if o.bigSizes[i] <= o.bigSizes[i-1] {
			return o, fmt.Errorf("-big-ladder: want ascending numbers, got %q", bigSizes)
		}
	}
	if platforms == "" {
		o.platforms = platformTable
	} else {
		for _, name := range strings.Split(platforms, ",") {
			p, ok := platformByName(strings.TrimSpace(name))
			if !ok {
				return o, fmt.Errorf("-platforms: unknown platform %q", name)
			}
			o.platforms = append(o.platforms, p)
		}
	}
	if o.rateObjects <= o.rateLimit {
		return o, fmt.Errorf("-rate-objects (%d) must exceed -rate-limit (%d) so at least one full window is measured", o.rateObjects, o.rateLimit)
	}
	return o, nil
}

func intList(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

var runStart = time.Now()

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%6.1fs] "+format+"\n", append([]any{time.Since(runStart).Seconds()}, args...)...)
}

func run(o options) error {
	if os.Getenv(envRealProvider) == "" {
		return fmt.Errorf("%s must name the real provider binary (scripts/bench.sh sets it)", envRealProvider)
	}
	if err := os.MkdirAll(o.workdir, 0o755); err != nil {
		return err
	}
	stopOnInterrupt()
	tf := newTerraform(o.terraform, o.workdir)
	tf.timeout = o.timeout
	rep := report{opts: o, started: time.Now(), machine: describeMachine(), terraformVersion: tf.version()}
	progress("roster-bench: %s, %s", rep.terraformVersion, rep.machine.summary())

	// A scenario that cannot run is reported and the run goes on: one platform's failure should not cost
	// the measurements of the others.
	failed := func(what string, err error) {
		progress("  %s: %v", what, err)
		rep.failures = append(rep.failures, fmt.Sprintf("%s: %v", what, err))
	}
	// The paced apply at a server's default limit spends about a minute waiting for the limit's window: it runs
	// from the start, with a terraform of its own, beside the floors' applies (whose times are context, not
	// judged) and then whatever comes next; the run waits for it before the big-group runs.
	var paced []pacedRun
	var pacedFailures []error
	pacedDone := make(chan struct{})
	go func() {
		defer close(pacedDone)
		if o.skipPaced {
			return
		}
		bg := newTerraform(o.terraform, o.workdir)
		bg.timeout = o.timeout
		for _, p := range o.platforms {
			if p.UserCreateLimit == 0 {
				continue
			}
			progress("paced user creation, in the background: %s, %d users at the server's default %d a minute", p.Name, pacedDefaultUsers, p.UserCreateLimit)
			r, err := runPaced(bg, o.workdir, p, p.UserCreateLimit, pacedDefaultUsers)
			if err != nil {
				pacedFailures = append(pacedFailures, fmt.Errorf("%s paced apply: %w", p.Name, err))
				continue
			}
			paced = append(paced, r)
		}
	}()
	if !o.skipScale {
		progress("N-object runs: %s", stepNames(o.scaleSteps()))
		for _, n := range o.sizes {
			var started []*floorRun
			for _, def := range floors {
				if f, err := startFloor(tf, o.workdir, def, n); err != nil {
					failed(fmt.Sprintf("%s N=%d", def.Name, n), err)
				} else {
					started = append(started, f)
				}
			}
			var runs []scaleRun
			for _, p := range o.platforms {
				if r, err := runScale(tf, o.workdir, p, n, started, o.scaleSteps()); err != nil {
					failed(fmt.Sprintf("%s N=%d", p.Name, n), err)
				} else {
					runs = append(runs, r)
				}
			}
			for _, f := range started {
				if done, err := f.finish(o.destroy); err != nil {
					failed(fmt.Sprintf("%s N=%d destroy", f.def.Name, n), err)
				} else {
					rep.scale = append(rep.scale, done)
				}
			}
			rep.scale = append(rep.scale, runs...)
		}
	}
	if !o.skipGrowth {
		progress("growth runs: requests and bytes per object at N = %s", joinInts(o.growthSizes))
		for _, p := range o.platforms {
			for _, mix := range growthMixes(p) {
				for _, n := range o.growthSizes {
					r, err := runGrowth(p, mix, n, o.growthLimit)
					if err != nil {
						failed(fmt.Sprintf("%s %s growth N=%d", p.Name, mix, n), err)
						continue
					}
					rep.growth = append(rep.growth, r)
					if r.Failed != "" {
						progress("  %s %s N=%d: %s", p.Name, mix, n, r.Failed)
						break // a larger size would fail the same way, later
					}
				}
			}
		}
	}
	<-pacedDone
	for _, err := range pacedFailures {
		failed("paced user creation", err)
	}
	if !o.skipPaced {
		for _, p := range o.platforms {
			if p.UserCreateLimit == 0 {
				continue
			}
			if r, err := runPaced(tf, o.workdir, p, pacedFastAllowed, pacedFastUsers); err != nil {
				failed(p.Name+" paced apply", err)
			} else {
				rep.paced = append(rep.paced, r)
			}
		}
	}
	rep.paced = append(rep.paced, paced...)
	if !o.skipBigGroup {
		progress("big group: ladder %v members, then a no-change plan of %d members", o.bigSizes, o.bigMembers)
		for _, p := range o.platforms {
			if r, err := runBigGroup(tf, o.workdir, p, o.bigSizes, o.bigMembers, o.bigTimeout); err != nil {
				failed(p.Name+" big group", err)
			} else {
				rep.big = append(rep.big, r)
			}
		}
	}
	if !o.skipRate {
		for _, p := range o.platforms {
			if p.WriteLimit == 0 {
				continue
			}
			if r, err := runRateLimited(tf, o.workdir, p, o.rateLimit, o.rateObjects); err != nil {
				failed(p.Name+" rate-limited apply", err)
			} else {
				rep.rate = append(rep.rate, r)
			}
		}
	}
	if o.gobench != "" {
		raw, err := os.ReadFile(o.gobench)
		if err != nil {
			return err
		}
		rep.gobench = parseGoBench(string(raw))
	}
	rep.finished = time.Now()
	out, err := filepath.Abs(o.out)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(rep.render()+keptSection(out)), 0o644); err != nil {
		return err
	}
	progress("wrote %s", out)
	for _, t := range rep.targets() {
		progress("target %-60s %-14s %s", t.Name, t.Platform, t.verdict())
	}
	if len(rep.failures) > 0 {
		return fmt.Errorf("%d scenarios could not run (see %s)", len(rep.failures), out)
	}
	return nil
}
