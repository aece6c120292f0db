package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// floorName labels the terraform_data runs in the report.
const floorName = "terraform_data (floor)"

// floorDef is one of the floors the platforms of an N-object run are compared with.
type floorDef struct {
	Name   string
	Dir    string // configuration directory, with -N appended
	Config func(n int) string
	// Destroyed: its destroy is measured (with -destroy). The plugin floors keep nothing outside their state, so
	// their directories simply go with the work directory.
	Destroyed bool
	// Paired: the floor the refresh target is judged against. Each platform's plan is paired with a plan of its
	// twin (twin.go) on this floor, run right before, so both see the same load on the machine; the other floors'
	// own plans are context.
	Paired bool
}

// floors: terraform_data runs inside terraform; the plugin floors (pluginfloor.go) add the plugin protocol,
// then roster's schema shape.
var floors = []floorDef{
	{Name: floorName, Dir: "floor", Config: floorConfig, Destroyed: true},
	{Name: pluginFloorName, Dir: "pluginfloor", Config: pluginFloorConfig},
	{Name: widePluginFloorName, Dir: "pluginfloor-wide", Config: widePluginFloorConfig, Paired: true},
}

// scaleRun is apply, plan, plan -refresh=false and (with -destroy) destroy of N objects.
type scaleRun struct {
	Platform string
	N        int
	Mix      mix
	Results  []result
	// FloorPlans are plans of this run's twins on the paired floors, by floor name, run right before this run's
	// plan, so that the refresh ratio compares commands a few seconds apart on a machine whose load changes by
	// the minute.
	FloorPlans map[string]result
	// MorePairs are further (paired floor plan, plan) pairs at the judged N, after the steps: one pair's ratio
	// moves by a tenth from run to run, so the target takes the median of every pair's.
	MorePairs []planPair
	Failed    string // why the run stopped early, if it did
}

var scaleSteps = []step{stepApply, stepPlan, stepPlanNoRefresh, stepDestroy}

// scaleSteps are the steps this run's N-object runs take: destroy only with -destroy.
func (o options) scaleSteps() []step {
	if o.destroy {
		return scaleSteps
	}
	return scaleSteps[:3]
}

func stepNames(steps []step) string {
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

func (r scaleRun) result(stepName string) (result, bool) {
	for _, res := range r.Results {
		if res.Step == stepName {
			return res, true
		}
	}
	return result{}, false
}

// isFloor says whether the run is one of the floors rather than a platform's.
func (r scaleRun) isFloor() bool { return floorIndex(r.Platform) >= 0 }

// floorIndex is the position of the floor named name in floors, -1 for a platform.
func floorIndex(name string) int {
	for i, f := range floors {
		if name == f.Name {
			return i
		}
	}
	return -1
}

// floorRun is a floor of one N while the platforms of that N run: applied, planned, and destroyed only by
// finish, so that each platform's plan can be paired with a plan of the floor.
type floorRun struct {
	tf  *terraform
	def floorDef
	dir string
	run scaleRun
}

// startFloor applies floor def of size n and runs its plans.
func startFloor(tf *terraform, root string, def floorDef, n int) (*floorRun, error) {
	f := &floorRun{tf: tf, def: def, dir: filepath.Join(root, fmt.Sprintf("%s-%d", def.Dir, n)),
		run: scaleRun{Platform: def.Name, N: n, Mix: mixOf(n, keysPerUser)}}
	if err := writeDir(f.dir, def.Config(n)); err != nil {
		return nil, err
	}
	var err error
	f.run, err = runSteps(tf, f.dir, nil, f.run, scaleSteps[:3], nil)
	return f, err
}

// planTwin plans twin, a platform run's twin on this floor, to pair it with the platform's next plan.
func (f *floorRun) planTwin(twin string) (result, error) {
	res, err := f.tf.run(twin, stepPlan, nil)
	if err == nil {
		progress("  %-24s N=%-5d %-20s %8.2fs  exit %d  (the twin of the next plan)", f.def.Name, f.run.N, stepPlan.Name, res.Wall.Seconds(), res.ExitCode)
	}
	return res, err
}

// finish destroys the floor where that is measured (when destroy is set) and returns its run.
func (f *floorRun) finish(destroy bool) (scaleRun, error) {
	if f.run.Failed != "" || !f.def.Destroyed || !destroy {
		return f.run, nil
	}
	return runSteps(f.tf, f.dir, nil, f.run, scaleSteps[3:], nil)
}

// runScale runs steps on the realistic mix of n objects against a fresh mock of p with its write limit lifted,
// with a plan of its twin on the paired floor right before its plan.
func runScale(tf *terraform, root string, p platformDef, n int, started []*floorRun, steps []step) (scaleRun, error) {
	run := scaleRun{Platform: p.Name, N: n, Mix: mixOf(n, p.Keys), FloorPlans: map[string]result{}}
	m, err := serveMock(p, -1)
	if err != nil {
		return run, err
	}
	defer m.Close()
	dir := filepath.Join(root, fmt.Sprintf("%s-%d", p.Name, n))
	seeded, err := writeMixConfig(dir, p, m, p.ProviderExtra, n)
	if err != nil {
		return run, err
	}
	twin := twinDir(dir)
	if err := writeDir(twin, wideFloorTwinConfig(p, n, seeded)); err != nil {
		return run, err
	}
	twinReady := false
	planTwin := func(f *floorRun) (result, error) {
		if !twinReady {
			// Plans leave the state as the apply wrote it.
			if err := writeTwinState(dir, twin); err != nil {
				return result{}, err
			}
			twinReady = true
		}
		return f.planTwin(twin)
	}
	beforePlan := func() error {
		for _, f := range started {
			if !f.def.Paired {
				continue
			}
			fp, err := planTwin(f)
			if err != nil {
				return err
			}
			run.FloorPlans[f.def.Name] = fp
		}
		return nil
	}
	run, err = runSteps(tf, dir, m, run, steps, beforePlan)
	if err != nil || n != targetRefreshN || run.Failed != "" {
		return run, err
	}
	for range morePairs {
		for _, f := range started {
			if !f.def.Paired {
				continue
			}
			fp, err := planTwin(f)
			if err != nil {
				return run, err
			}
			res, err := tf.run(dir, stepPlan, m)
			if err != nil {
				return run, err
			}
			progress("  %-24s N=%-5d %-20s %8.2fs  exit %d  (a further pair for the median)", run.Platform, n, stepPlan.Name, res.Wall.Seconds(), res.ExitCode)
			run.MorePairs = append(run.MorePairs, planPair{Floor: f.def.Name, FloorPlan: fp, Plan: res})
		}
	}
	return run, nil
}

// morePairs is how many (floor plan, plan) pairs the judged N runs after its steps' own: three pairs in all.
const morePairs = 2

// planPair is a plan of a paired floor and the plan run right after it.
type planPair struct {
	Floor     string
	FloorPlan result
	Plan      result
}

// writeMixConfig writes the realistic mix of n objects on p served by m, seeding the groups' members first
// where the platform needs them to exist (platformDef.GroupsOfSeededMembers), and returns the seeded members.
func writeMixConfig(dir string, p platformDef, m *servedMock, providerExtra string, n int) (seeded []string, err error) {
	if p.GroupsOfSeededMembers {
		client, err := p.NewClient(m.URL, m.Token)
		if err != nil {
			return nil, err
		}
		if seeded, err = seedMembers(context.Background(), p, client, m.API, mixOf(n, p.Keys).Users); err != nil {
			return nil, fmt.Errorf("seeding group members: %w", err)
		}
	}
	return seeded, writeDir(dir, rosterConfig(p, m.URL, m.Token, providerExtra, n, seeded))
}

// runSteps runs steps in dir, calling beforePlan (when not nil) right before the plan with refresh.
func runSteps(tf *terraform, dir string, m *servedMock, run scaleRun, steps []step, beforePlan func() error) (scaleRun, error) {
	for _, s := range steps {
		if s.Name == stepPlan.Name && beforePlan != nil {
			if err := beforePlan(); err != nil {
				return run, err
			}
		}
		res, err := tf.run(dir, s, m)
		if err != nil {
			return run, err
		}
		run.Results = append(run.Results, res)
		progress("  %-24s N=%-5d %-20s %8.2fs  exit %d  %s  provider: %d procs, cpu %.2fs, peak %d MiB",
			run.Platform, run.N, s.Name, res.Wall.Seconds(), res.ExitCode, res.Requests, res.Usage.Processes,
			res.Usage.CPU.Seconds(), res.Usage.MaxRSSKB/1024)
		if !res.OK {
			why := fmt.Sprintf("exited %d (want %d)", res.ExitCode, s.WantExit)
			if res.TimedOut {
				why = fmt.Sprintf("was stopped at the time limit after %.0fs, having made %d requests (%d writes)", res.Wall.Seconds(), res.Requests.Count, res.Requests.Writes)
			}
			run.Failed = fmt.Sprintf("%s %s; see %s:\n%s", s.Name, why, res.LogFile, tail(res.LogFile, 15))
			progress("  %s", run.Failed)
			// A plan that is not empty is a finding, not a reason to stop; a failed apply is.
			if s.Name == stepApply.Name {
				return run, nil
			}
		}
	}
	return run, nil
}
