package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// bigGroupRun measures large groups on one platform. A ladder of sizes (apply, then a no-change plan, each)
// shows how time and memory grow; the judged group (10,000 members by default) is created through the
// platform's client and put into a state file built from the ladder's own state, so that only the no-change
// plan runs through terraform: creating it through terraform would cost as much as the plan, twice.
type bigGroupRun struct {
	Platform string
	Seeded   int
	SeedTime time.Duration
	Ladder   []bigGroupSize
	Judged   bigGroupSize // Apply is empty: the group and its state are seeded
	// Bound is the most requests a refresh of the judged group may take: one for the group, plus
	// ceil(N / largest page) member pages when the members are not in the group object.
	Bound  int
	Failed string
}

type bigGroupSize struct {
	Members     int
	Apply, Plan result
}

// sizes are the ladder plus the judged group, where measured.
func (r bigGroupRun) sizes() []bigGroupSize {
	out := append([]bigGroupSize(nil), r.Ladder...)
	if r.Judged.Plan.Step != "" {
		out = append(out, r.Judged)
	}
	return out
}

// memberReadBound is the requests a refresh of a group of n members may take.
func memberReadBound(p platformDef, n int) int {
	switch {
	case p.MembersInline:
		return 1
	case p.MemberPageMax <= 0:
		return 2
	default:
		return 1 + (n+p.MemberPageMax-1)/p.MemberPageMax
	}
}

// bigGroupGOGC is the provider's GOGC in the big-group runs. roster's main sets 400, under which the peak of a
// group of a few thousand members is the collector's minimum heap target, not the live heap: the memory check
// then sees no growth below and a steep one above, and cannot tell that from quadratic growth. With the
// collector's default the peak follows the live heap. It also makes the provider-time target stricter.
const bigGroupGOGC = "GOGC=100"

func runBigGroup(tf *terraform, root string, p platformDef, ladder []int, judged int, limit time.Duration) (bigGroupRun, error) {
	tf.extraEnv = []string{bigGroupGOGC}
	defer func() { tf.extraEnv = nil }()
	run := bigGroupRun{Platform: p.Name, Bound: memberReadBound(p, judged)}
	m, err := serveMock(p, -1)
	if err != nil {
		return run, err
	}
	defer m.Close()
	client, err := p.NewClient(m.URL, m.Token)
	if err != nil {
		return run, err
	}

	ctx := context.Background()
	start := time.Now()
	ids, err := seedMembers(ctx, p, client, m.API, max(judged, ladder[len(ladder)-1]))
	if err != nil {
		return run, fmt.Errorf("seeding members on %s: %w", p.Name, err)
	}
	run.Seeded, run.SeedTime = len(ids), time.Since(start)
	progress("  %-24s seeded %d members outside terraform in %.1fs", p.Name, len(ids), run.SeedTime.Seconds())

	dir := filepath.Join(root, "big-"+p.Name)
	for _, n := range ladder {
		if err := writeDir(dir, bigGroupConfig(p, m.URL, m.Token, bigLadderName, ids[:n])); err != nil {
			return run, err
		}
		size := bigGroupSize{Members: n}
		if size.Apply, err = tf.runWithin(dir, stepApply, m, limit); err != nil {
			return run, err
		}
		logBig(p.Name, n, size.Apply)
		if size.Apply.OK {
			if size.Plan, err = tf.runWithin(dir, stepPlan, m, limit); err != nil {
				return run, err
			}
			logBig(p.Name, n, size.Plan)
		}
		run.Ladder = append(run.Ladder, size)
		if !size.Apply.OK || !size.Plan.OK {
			run.Failed = fmt.Sprintf("the ladder stopped at %d members (%s); see %s", n, describeFailure(size), lastLog(size))
			break
		}
	}

	// The judged group: created through the client, its state derived from the ladder's.
	groupID, err := seedGroup(ctx, p, client, m.API, bigJudgedName, ids[:judged])
	if err != nil {
		return run, fmt.Errorf("creating the %d-member group on %s: %w", judged, p.Name, err)
	}
	judgedDir := filepath.Join(root, "big-judged-"+p.Name)
	if err := writeDir(judgedDir, bigGroupConfig(p, m.URL, m.Token, bigJudgedName, ids[:judged])); err != nil {
		return run, err
	}
	if err := seedGroupState(filepath.Join(dir, "terraform.tfstate"), filepath.Join(judgedDir, "terraform.tfstate"), groupID, bigJudgedName, ids[:judged]); err != nil {
		run.Failed = strings.TrimSpace(run.Failed + "; cannot seed the judged group's state: " + err.Error())
		return run, nil
	}
	run.Judged = bigGroupSize{Members: judged}
	if run.Judged.Plan, err = tf.runWithin(judgedDir, stepPlan, m, limit); err != nil {
		return run, err
	}
	logBig(p.Name, judged, run.Judged.Plan)
	return run, nil
}

const (
	bigLadderName = "bench-big-ladder"
	bigJudgedName = "bench-big-judged"
)

func describeFailure(s bigGroupSize) string {
	for _, r := range []result{s.Apply, s.Plan} {
		switch {
		case r.Step == "":
		case r.TimedOut:
			return fmt.Sprintf("%s did not finish within the time limit (%.0fs)", r.Step, r.Wall.Seconds())
		case !r.OK:
			return fmt.Sprintf("%s exited %d", r.Step, r.ExitCode)
		}
	}
	return "failed"
}

func lastLog(s bigGroupSize) string {
	if s.Plan.LogFile != "" {
		return s.Plan.LogFile
	}
	return s.Apply.LogFile
}

// seedGroupState writes a state holding the group id with members, built from a state the provider wrote
// for the same resource address (every other attribute, the schema version and private data stay as the
// provider left them).
func seedGroupState(templatePath, out, id, name string, members []string) error {
	return rewriteState(templatePath, out, "roster_user_group", func(attrs map[string]any) error {
		attrs["id"], attrs["name"], attrs["members"] = id, name, members
		return nil
	})
}

// rewriteState copies the state at templatePath to out with the attributes of the one instance of
// <typ>.big changed by edit.
func rewriteState(templatePath, out, typ string, edit func(attrs map[string]any) error) error {
	raw, err := os.ReadFile(templatePath)
	if err != nil {
		return fmt.Errorf("no state to start from (%w): the apply that writes it must succeed", err)
	}
	var st map[string]any
	if err := json.Unmarshal(raw, &st); err != nil {
		return err
	}
	resources, _ := st["resources"].([]any)
	for _, r := range resources {
		res, _ := r.(map[string]any)
		if res["type"] != typ || res["name"] != "big" {
			continue
		}
		instances, _ := res["instances"].([]any)
		if len(instances) != 1 {
			return fmt.Errorf("%s: want one instance of %s.big", templatePath, typ)
		}
		instance, _ := instances[0].(map[string]any)
		attrs, _ := instance["attributes"].(map[string]any)
		if attrs == nil {
			return fmt.Errorf("%s: %s.big has no attributes", templatePath, typ)
		}
		if err := edit(attrs); err != nil {
			return err
		}
		st["serial"] = 1
		st["lineage"] = "roster-bench-seeded-state"
		b, err := json.MarshalIndent(st, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	}
	return fmt.Errorf("%s: no %s.big", templatePath, typ)
}

func logBig(name string, n int, res result) {
	progress("  %-24s group of %-6d %-8s %7.2fs  exit %d  %s  provider: %d procs, cpu %.2fs, peak %d MiB",
		name, n, res.Step, res.Wall.Seconds(), res.ExitCode, res.Requests, res.Usage.Processes, res.Usage.CPU.Seconds(), res.Usage.MaxRSSKB/1024)
}

// seedMembers creates n people who can join a group, outside terraform, and returns their ids in order.
func seedMembers(ctx context.Context, p platformDef, client benchClient, api *rawAPI, n int) ([]string, error) {
	if p.SeedMembers != nil {
		return p.SeedMembers(ctx, api, n)
	}
	ids := make([]string, n)
	err := forEach(ctx, n, 8, func(i int) error {
		u, err := client.CreateUser(ctx, p.SeedUser(i))
		if err != nil {
			return fmt.Errorf("user %d: %w", i, err)
		}
		ids[i] = u.ID
		return nil
	})
	return ids, err
}

// seedGroup creates a group of members outside terraform and returns its id.
func seedGroup(ctx context.Context, p platformDef, client benchClient, api *rawAPI, name string, members []string) (string, error) {
	if p.SeedGroup != nil {
		return p.SeedGroup(ctx, client, api, name, members)
	}
	g, err := client.CreateGroup(ctx, platform.GroupSpec{Name: name, Members: members})
	return g.ID, err
}

// forEach calls do(0) ... do(n-1) from the given number of goroutines and returns the first error, after
// which no new call starts.
func forEach(ctx context.Context, n, workers int, do func(i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := do(i); err != nil {
					errs <- err
					cancel()
					return
				}
			}
		}()
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return ctx.Err()
	}
}
