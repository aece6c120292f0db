package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A growth run of a real client against its mock measures every phase, at the platform's request floor.
func TestRunGrowthMeasuresEveryPhase(t *testing.T) {
	p, _ := platformByName("authentik")
	run, err := runGrowth(p, mixKeys, 20, time.Minute)
	if err != nil || run.Failed != "" {
		t.Fatalf("growth run: %v %s", err, run.Failed)
	}
	for _, phase := range growthPhases {
		reqs, bytes, ok := run.perObject(phase)
		floor, _ := requestFloor(p, mixKeys, phase)
		if !ok || reqs != floor {
			t.Errorf("%s: %.2f requests per object, want the floor %.0f", phase, reqs, floor)
		}
		if phase != "destroy" && bytes == 0 {
			t.Errorf("%s: no bytes counted", phase)
		}
	}
}

func TestGrowthTargetsJudgeFloorAndGrowth(t *testing.T) {
	p, _ := platformByName("secoda")
	mk := func(n, requests int, bytes int64) growthRun {
		phases := map[string]phaseCost{}
		for _, ph := range growthPhases {
			phases[ph] = phaseCost{Requests: requests, Bytes: bytes}
		}
		return growthRun{Platform: p.Name, Mix: mixGroups, N: n, Phases: phases}
	}
	r := &report{opts: options{platforms: []platformDef{p}, growthSizes: []int{1000, 4000}}}
	r.growth = []growthRun{mk(1000, 1000, 100_000), mk(4000, 4000, 400_000)}
	for _, tg := range r.growthTargets() {
		if !tg.Met || tg.Missing {
			t.Errorf("linear run: %s %s", tg.Name, tg.verdict())
		}
	}
	// Quadratic bytes (each object costs four times as much at four times the size), and two requests each.
	r.growth = []growthRun{mk(1000, 1000, 100_000), mk(4000, 8000, 1_600_000)}
	failed := 0
	for _, tg := range r.growthTargets() {
		if !tg.Met {
			failed++
		}
	}
	if failed != 2*len(growthPhases) {
		t.Errorf("%d targets not met, want every phase's requests and bytes", failed)
	}
	r.growth = []growthRun{mk(1000, 1000, 100_000), {Platform: p.Name, Mix: mixGroups, N: 4000, Failed: "apply took longer than 1m0s"}}
	for _, tg := range r.growthTargets() {
		if tg.Met || tg.Missing || !strings.Contains(tg.Measured, "stopped at N=4000") {
			t.Errorf("a run that stopped: %s measured %q, %s", tg.Name, tg.Measured, tg.verdict())
		}
	}
}

func TestCountingHandlerCountsBodies(t *testing.T) {
	var counted atomic.Int64
	srv := httptest.NewServer(countingHandler{bytes: &counted, next: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, strings.Repeat("x", 1234))
	})})
	defer srv.Close()
	for range 3 {
		resp, err := http.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if got := counted.Load(); got != 3*1234 {
		t.Errorf("counted %d bytes, want %d", got, 3*1234)
	}
}
