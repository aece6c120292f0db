package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/mocks"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

func TestMixAddsUpAndGroupsNameDistinctUsers(t *testing.T) {
	for _, n := range []int{100, 1000} {
		for _, keys := range []keyMode{keysNone, keysPerUser, keysOnePerUser} {
			m := mixOf(n, keys)
			if m.total() != n {
				t.Fatalf("mixOf(%d, %d) = %v, %d objects", n, keys, m, m.total())
			}
			if keys == keysNone && m.Keys != 0 {
				t.Fatalf("a platform without keys got %d keys", m.Keys)
			}
			for g := 0; g < m.Groups; g++ {
				seen := map[int]bool{}
				for _, u := range groupMembers(g, m.Users) {
					if u < 0 || u >= m.Users || seen[u] {
						t.Fatalf("group %d of %d users has member %d twice or out of range", g, m.Users, u)
					}
					seen[u] = true
				}
			}
			if keys == keysOnePerUser && m.Keys > m.Users {
				t.Fatalf("more keys (%d) than users (%d) on a one-key-per-user platform", m.Keys, m.Users)
			}
		}
	}
}

func TestConfigsHaveTheSameResourceCountsAsTheFloor(t *testing.T) {
	p, ok := platformByName("authentik")
	if !ok {
		t.Fatal("authentik is not in the platform table")
	}
	cfg := rosterConfig(p, "http://127.0.0.1:1", "t", p.ProviderExtra, 100, nil)
	floor := floorConfig(100)
	if got := strings.Count(cfg, "\nresource \"roster_"); got != 100 {
		t.Fatalf("roster config has %d resources, want 100", got)
	}
	if got := strings.Count(floor, "resource \"terraform_data\""); got != 100 {
		t.Fatalf("floor config has %d resources, want 100", got)
	}
	// The same references: every member and key owner reference in one has its twin in the other.
	if a, b := strings.Count(cfg, "roster_user.u"), strings.Count(floor, "terraform_data.u"); a != b {
		t.Fatalf("roster config has %d user references, the floor %d", a, b)
	}
}

func TestEveryPlatformRendersAConfiguration(t *testing.T) {
	for _, p := range platformTable {
		if p.UserHCL == nil || p.GroupHCL == nil || p.SeedUser == nil ||
			p.API.GetUser == nil || p.API.ListUsers == "" || p.API.CreateUser == nil {
			t.Fatalf("%s: incomplete platform entry", p.Name)
		}
		if _, ok := platforms.Lookup(platform.Name(p.Name)); !ok {
			t.Fatalf("%s: not in internal/platforms", p.Name)
		}
		if _, ok := mocks.Lookup(p.Name); !ok {
			t.Fatalf("%s: not in internal/mockapi/mocks", p.Name)
		}
		if want := p.Keys == keysNone; want != (platformCaps(p).Check(platform.Feature{Kind: platform.KindAPIKey}) != nil) {
			t.Fatalf("%s: Keys says keysNone = %v, the capability row disagrees", p.Name, want)
		}
		if p.Keys != keysNone && p.KeyHCL == nil {
			t.Fatalf("%s: has keys but no KeyHCL", p.Name)
		}
		if p.WriteLimit > 0 && p.PacedProvider == nil {
			t.Fatalf("%s: has a write limit but no PacedProvider", p.Name)
		}
		cfg := rosterConfig(p, "http://127.0.0.1:1", "t", p.ProviderExtra, 100, nil)
		if !strings.Contains(cfg, `platform = "`+p.Name+`"`) {
			t.Fatalf("%s: provider block missing:\n%s", p.Name, cfg[:200])
		}
	}
}

func TestPathShapeGroupsIDs(t *testing.T) {
	cases := map[string]string{
		"/api/v3/core/users/42/":                                   "/api/v3/core/users/{id}/",
		"/api/v1/auth/group/5e0c7d4a-1b2f-4c3d-9e8f-0a1b2c3d4e5f/": "/api/v1/auth/group/{id}/",
		"/api/v3/core/tokens/bench-key-7/":                         "/api/v3/core/tokens/{id}/",
		"/api/v1/groups/3/users":                                   "/api/v1/groups/{id}/users",
	}
	for in, want := range cases {
		if got := pathShape(in); got != want {
			t.Errorf("pathShape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSummariseCountsAdmittedWritesAndThrottling(t *testing.T) {
	t0 := time.Unix(1000, 0)
	st := summarise([]mockapi.Entry{
		{Method: "GET", Path: "/a/1", Status: 200, Time: t0},
		{Method: "POST", Path: "/a/", Status: 201, Time: t0.Add(time.Second)},
		{Method: "POST", Path: "/a/", Status: 429, Time: t0.Add(2 * time.Second)},
		{Method: "PATCH", Path: "/a/2", Status: 200, Time: t0.Add(3 * time.Second)},
	})
	if st.Count != 4 || st.Writes != 2 || st.Throttled != 1 {
		t.Fatalf("summary = %+v", st)
	}
	if st.LastWrite.Sub(st.FirstWrite) != 2*time.Second {
		t.Fatalf("write span = %s, want 2s", st.LastWrite.Sub(st.FirstWrite))
	}
}

func TestParseGoBenchTakesMedians(t *testing.T) {
	out := `goos: linux
pkg: github.com/rosterhq/terraform-provider-roster/internal/cmd/roster-bench
BenchmarkMockThroughput/authentik/get_user-2   100   1000 ns/op   900 req/s
BenchmarkMockThroughput/authentik/get_user-2   100   3000 ns/op   300 req/s
BenchmarkMockThroughput/authentik/get_user-2   100   2000 ns/op   500 req/s
PASS
ok   github.com/rosterhq/terraform-provider-roster/internal/cmd/roster-bench 1.0s
`
	g := parseGoBench(out)
	if len(g.Results) != 1 || g.Results[0].Runs != 3 || g.Results[0].Median["ns/op"] != 2000 {
		t.Fatalf("results = %+v", g.Results)
	}
	if got := g.mockThroughput("authentik", "get_user"); got != 500 {
		t.Fatalf("mockThroughput = %v, want 500", got)
	}
	if strings.Contains(g.Raw, "PASS") || !strings.Contains(g.Raw, "pkg: ") {
		t.Fatalf("raw output keeps the wrong lines:\n%s", g.Raw)
	}
}

func TestMemorySlopeRatioTellsLinearFromQuadratic(t *testing.T) {
	size := func(members int, kb int64) bigGroupSize {
		return bigGroupSize{Members: members, Plan: result{Step: "plan", OK: true, Usage: providerUsage{Processes: 1, MaxRSSKB: kb}}}
	}
	// Peaks in KiB over 1,000, 2,000 and 10,000 members: a 30 MiB baseline plus 2 KiB a member, or plus
	// 2 bytes times members squared; the noisy one grew only 1 MiB in the lower span, then linearly.
	kb := func(n int64) int64 { return n >> 10 }
	linear := bigGroupRun{Ladder: []bigGroupSize{size(1000, 30<<10+2*1000), size(2000, 30<<10+2*2000)}, Judged: size(10000, 30<<10+2*10000)}
	if r, ok := linear.memorySlopeRatio(); !ok || r > 1.01 {
		t.Fatalf("linear growth: ratio %v, %v", r, ok)
	}
	noisy := bigGroupRun{Ladder: []bigGroupSize{size(1000, 30<<10), size(2000, 31<<10)}, Judged: size(10000, 31<<10+2*8000)}
	if r, ok := noisy.memorySlopeRatio(); !ok || r > targetMemorySlopeRatio {
		t.Fatalf("linear growth behind a flat lower span: ratio %v, %v", r, ok)
	}
	quadratic := bigGroupRun{Ladder: []bigGroupSize{size(1000, 30<<10+kb(2*1000*1000)), size(2000, 30<<10+kb(2*2000*2000))},
		Judged: size(10000, 30<<10+kb(2*10000*10000))}
	if r, ok := quadratic.memorySlopeRatio(); !ok || r <= targetMemorySlopeRatio {
		t.Fatalf("quadratic growth: ratio %v, %v", r, ok)
	}
}

func TestSeedGroupStateKeepsEverythingButTheGroup(t *testing.T) {
	dir := t.TempDir()
	template := filepath.Join(dir, "in.tfstate")
	state := `{"version":4,"serial":7,"lineage":"x","resources":[{"mode":"managed","type":"roster_user_group","name":"big",
"instances":[{"schema_version":0,"attributes":{"id":"old","name":"ladder","members":["1"],"secoda":null},"private":"cHJpdmF0ZQ=="}]}]}`
	if err := os.WriteFile(template, []byte(state), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.tfstate")
	if err := seedGroupState(template, out, "new-id", "judged", []string{"a", "b"}); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(out)
	var got struct {
		Resources []struct {
			Instances []struct {
				Attributes map[string]any `json:"attributes"`
				Private    string         `json:"private"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	inst := got.Resources[0].Instances[0]
	if inst.Attributes["id"] != "new-id" || inst.Attributes["name"] != "judged" || len(inst.Attributes["members"].([]any)) != 2 {
		t.Fatalf("attributes = %v", inst.Attributes)
	}
	if _, ok := inst.Attributes["secoda"]; !ok || inst.Private != "cHJpdmF0ZQ==" {
		t.Fatalf("other attributes or private data were lost: %+v", inst)
	}
}

func TestReadUsageSumsCPUAndKeepsTheLargestPeak(t *testing.T) {
	path := filepath.Join(t.TempDir(), "usage.jsonl")
	for _, rec := range []usageRecord{
		{User: time.Second, System: time.Second / 2, MaxRSSKB: 30000, WrapperCPU: 10 * time.Millisecond},
		{User: 2 * time.Second, MaxRSSKB: 50000, WrapperCPU: 20 * time.Millisecond},
	} {
		if err := appendUsage(path, rec); err != nil {
			t.Fatal(err)
		}
	}
	u, err := readUsage(path)
	if err != nil {
		t.Fatal(err)
	}
	if u.Processes != 2 || u.CPU != 3500*time.Millisecond || u.MaxRSSKB != 50000 || u.WrapperCPU != 30*time.Millisecond {
		t.Fatalf("usage = %+v", u)
	}
	if u, err := readUsage(filepath.Join(t.TempDir(), "missing")); err != nil || u.Processes != 0 {
		t.Fatalf("a missing log: %+v, %v", u, err)
	}
}

// terraform's exit status counts the CPU of the processes it waited for: the providers' wrappers, and through
// them the providers. Terraform's own CPU is what is left.
func TestTerraformCPUIsWhatTheProvidersAndWrappersLeave(t *testing.T) {
	u := providerUsage{Processes: 3, CPU: 3 * time.Second, WrapperCPU: 50 * time.Millisecond}
	if got := terraformOwnCPU(7620*time.Millisecond, u); got != 4570*time.Millisecond {
		t.Fatalf("terraformOwnCPU = %s, want 4.57s", got)
	}
	if got := terraformOwnCPU(time.Second, providerUsage{}); got != time.Second {
		t.Fatalf("without providers (terraform_data) = %s, want 1s", got)
	}
	if got := terraformOwnCPU(time.Second, u); got != 0 {
		t.Fatalf("records over the total (a provider outliving terraform) = %s, want 0", got)
	}
}

func TestNumbersRenderWithoutExponents(t *testing.T) {
	cases := map[float64]string{41469533: "41,469,533", 16133.4: "16,133", 1.5: "1.5", 100: "100", 999: "999"}
	for v, want := range cases {
		if got := compact(v); got != want {
			t.Errorf("compact(%v) = %q, want %q", v, got, want)
		}
	}
	if got := nanos(map[string]float64{"ns/op": 2.988e9}, "ns/op"); got != "2.99 s" {
		t.Errorf("nanos = %q", got)
	}
	if got := bytesMetric(map[string]float64{"B/op": 1.587e9}, "B/op"); got != "1.48 GiB" {
		t.Errorf("bytes = %q", got)
	}
}

func TestANewReportKeepsTheHandWrittenSection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	if got := keptSection(path); got != "" {
		t.Fatalf("no report yet, kept %q", got)
	}
	hand := "\n" + keptHeading + "\n\nprofile: 80% in decode\n"
	if err := os.WriteFile(path, []byte("# Benchmarks\n\n| old | table |\n"+hand), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := keptSection(path); got != hand {
		t.Fatalf("kept %q, want %q", got, hand)
	}
}

// The big group's GOGC reaches the commands run while it is set, and only those.
func TestExtraEnvironmentReachesTheCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "gogc")
	bin := filepath.Join(dir, "fake-terraform")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\necho \"${GOGC:-unset}\" >> \"$FAKE_OUT\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tf := &terraform{bin: bin, workdir: dir, env: []string{"FAKE_OUT=" + out, "PATH=" + os.Getenv("PATH")}}
	tf.extraEnv = []string{bigGroupGOGC}
	if _, err := tf.run(dir, stepPlan, nil); err != nil {
		t.Fatal(err)
	}
	tf.extraEnv = nil
	if _, err := tf.run(dir, stepPlan, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(raw), strings.TrimPrefix(bigGroupGOGC, "GOGC=")+"\nunset\n"; got != want {
		t.Fatalf("GOGC seen by the two commands = %q, want %q", got, want)
	}
}

// A platform's refresh is judged against the plan of its twin on the wide plugin floor, run right before it
// (issue 18), and set beside the floors' own plans as context; each floor's row compares it with the floors
// before it only.
func TestReportComparesARefreshWithEveryFloor(t *testing.T) {
	plan := func(seconds float64) result {
		return result{Step: stepPlan.Name, Wall: time.Duration(seconds * float64(time.Second)), OK: true}
	}
	floorRun := func(name string, seconds float64) scaleRun {
		return scaleRun{Platform: name, N: targetRefreshN, Results: []result{plan(seconds)}}
	}
	p, _ := platformByName("authentik")
	judge := func(refreshSeconds float64) target {
		refresh := plan(refreshSeconds)
		refresh.Requests.Count = 1000
		r := &report{opts: options{platforms: []platformDef{p}}, scale: []scaleRun{
			floorRun(floorName, 2), floorRun(pluginFloorName, 3), floorRun(widePluginFloorName, 4),
			{Platform: p.Name, N: targetRefreshN, Results: []result{refresh}, FloorPlans: map[string]result{widePluginFloorName: plan(5)}},
		}}
		for _, tg := range r.targets() {
			if tg.Platform == p.Name && strings.HasPrefix(tg.Name, "Refresh wall time") {
				return tg
			}
		}
		t.Fatal("no refresh wall-time target")
		return target{}
	}
	// Judged against the paired plan (5 s), not the wide floor's own (4 s): 5.75 s is 1.15x.
	if tg := judge(5.75); !tg.Met || tg.Missing {
		t.Errorf("5.75s against the paired 5s: %q, met %t; want met", tg.Measured, tg.Met)
	}
	wall := judge(6)
	if want := "1.20x (6.00s vs the twin's 5.00s); 3.00x the terraform_data floor's own plan (2.00s) (issue 9's 1.3x: context); " +
		"2.00x the plugin floor's own plan (3.00s); 1.50x the wide plugin floor's own plan (4.00s)"; wall.Measured != want || wall.Met || wall.Goal != "<= 1.15x" {
		t.Errorf("refresh target = %q, goal %q (met %t), want %q, <= 1.15x, not met", wall.Measured, wall.Goal, wall.Met, want)
	}

	// Further pairs: the median of every pair's ratio is judged; a pair whose plan was not a no-change plan
	// does not count.
	failed := plan(4)
	failed.OK = false
	paired := &report{opts: options{platforms: []platformDef{p}}, scale: []scaleRun{
		floorRun(widePluginFloorName, 4),
		{Platform: p.Name, N: targetRefreshN, Results: []result{plan(6)}, FloorPlans: map[string]result{widePluginFloorName: plan(5)},
			MorePairs: []planPair{
				{Floor: widePluginFloorName, FloorPlan: plan(5), Plan: plan(5.5)},
				{Floor: widePluginFloorName, FloorPlan: plan(5), Plan: failed},
				{Floor: widePluginFloorName, FloorPlan: plan(5), Plan: plan(5.6)},
			}},
	}}
	for _, tg := range paired.targets() {
		if tg.Platform == p.Name && strings.HasPrefix(tg.Name, "Refresh wall time") {
			if want := "1.12x, the median of 3 pairs (1.20x, 1.10x, 1.12x); the first: 6.00s vs the twin's 5.00s; " +
				"1.50x the wide plugin floor's own plan (4.00s)"; tg.Measured != want || !tg.Met {
				t.Errorf("with further pairs: %q (met %t), want %q, met", tg.Measured, tg.Met, want)
			}
		}
	}

	// A twin whose plan was not a no-change plan is no floor: the target is not measured, rather than judged
	// against the wide floor's own run.
	twinChanged := plan(5)
	twinChanged.OK, twinChanged.ExitCode, twinChanged.LogFile = false, 2, "logs/007-authentik-1000-twin-plan.log"
	unpaired := &report{opts: options{platforms: []platformDef{p}}, scale: []scaleRun{
		floorRun(widePluginFloorName, 4),
		{Platform: p.Name, N: targetRefreshN, Results: []result{plan(4.2)}, FloorPlans: map[string]result{widePluginFloorName: twinChanged}},
	}}
	for _, tg := range unpaired.targets() {
		if tg.Platform == p.Name && strings.HasPrefix(tg.Name, "Refresh wall time") {
			if !tg.Missing || tg.Met || !strings.Contains(tg.Measured, "exited 2") {
				t.Errorf("with a twin that planned changes: %q (missing %t, met %t), want not measured", tg.Measured, tg.Missing, tg.Met)
			}
		}
	}

	refresh := plan(6)
	r := &report{opts: options{platforms: []platformDef{p}}, scale: []scaleRun{
		floorRun(floorName, 2), floorRun(pluginFloorName, 3), floorRun(widePluginFloorName, 4),
		{Platform: p.Name, N: targetRefreshN, Results: []result{refresh}, FloorPlans: map[string]result{widePluginFloorName: plan(5)}},
	}}
	var narrow, wide target
	for _, tg := range r.targets() {
		switch tg.Platform {
		case pluginFloorName:
			narrow = tg
		case widePluginFloorName:
			wide = tg
		}
	}
	if !strings.HasPrefix(narrow.Measured, "1.50x (3.00s vs the floor's 2.00s") || !strings.HasPrefix(wide.Measured, "2.00x (4.00s") ||
		narrow.verdict() != "reference" {
		t.Errorf("references = %q, %q (%s)", narrow.Measured, wide.Measured, narrow.verdict())
	}
	var b strings.Builder
	r.renderScale(func(format string, args ...any) { fmt.Fprintf(&b, format, args...) })
	for _, row := range []string{
		"| " + widePluginFloorName + " | 1000 | 0 users, 0 groups, 0 keys | plan | 4.00 | 2.00 | 1.33 | - |",
		"| " + pluginFloorName + " | 1000 | 0 users, 0 groups, 0 keys | plan | 3.00 | 1.50 | - | - |",
		"| authentik | 1000 | 0 users, 0 groups, 0 keys | plan | 6.00 | 3.00 | 2.00 | 1.20 | 0 |",
	} {
		if !strings.Contains(b.String(), row) {
			t.Errorf("the table has no row starting %q:\n%s", row, b.String())
		}
	}
}

// The refresh request floor is summed from the mix and the platform's per-object floors (the growth runs'):
// authentik's keys read their key too (view_key), Tyk AI Studio's groups their members; list-only collections
// (Onyx, Unleash keys) are judged against one read per object. A refresh is met at the floor (plus the margin
// of a few lists) and not met above it.
func TestRefreshFloorFromTheMix(t *testing.T) {
	for _, tc := range []struct {
		platform string
		want     float64
		spelled  string
	}{
		{"authentik", 1.2, "700 users x 1 + 100 groups x 1 + 200 keys x 2 = 1200 requests"},
		{"tyk_ai_studio", 1.1, "700 users x 1 + 100 groups x 2 + 200 keys x 1 = 1100 requests"},
		{"secoda", 1, "900 users x 1 + 100 groups x 1 = 1000 requests"},
		{"onyx", 1, "700 users x 1 + 100 groups x 1 + 200 keys x 1 = 1000 requests"},
		{"unleash", 1, "700 users x 1 + 100 groups x 1 + 200 keys x 1 = 1000 requests"},
	} {
		p, _ := platformByName(tc.platform)
		f := refreshFloor(p, mixOf(targetRefreshN, p.Keys))
		if math.Abs(f.perObject()-tc.want) > 1e-9 || f.String() != tc.spelled {
			t.Errorf("%s: floor %.3f (%s), want %.3f (%s)", tc.platform, f.perObject(), f, tc.want, tc.spelled)
		}
		judge := func(requests int) target {
			plan := result{Step: stepPlan.Name, OK: true}
			plan.Requests.Count = requests
			r := &report{opts: options{platforms: []platformDef{p}}, scale: []scaleRun{{Platform: p.Name, N: targetRefreshN, Results: []result{plan}}}}
			return r.refreshTargets(p)[0]
		}
		atFloor, above := judge(int(math.Round(f.requests()))+2), judge(int(math.Round(f.requests()))+targetRefreshN/20)
		if !atFloor.Met || above.Met || !strings.Contains(atFloor.Goal, tc.spelled) {
			t.Errorf("%s: at the floor %q met %t, above it %q met %t; goal %q", tc.platform, atFloor.Measured, atFloor.Met, above.Measured, above.Met, atFloor.Goal)
		}
	}
}

func platformCaps(p platformDef) platform.Capabilities {
	d, _ := platforms.Lookup(platform.Name(p.Name))
	return d.Capabilities
}
