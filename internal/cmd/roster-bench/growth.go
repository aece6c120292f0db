package main

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// The growth scenario measures what each object costs in requests and in bytes received, per phase, at
// several sizes: cost that grows with the size is quadratic overall. It drives each platform's client the way
// the provider's Create, Read and Delete do (one call per object, a fresh client per phase as each terraform
// command has, Terraform's parallelism of 10) against the platform's mock, without terraform: a terraform run
// of 4,000 objects per platform would not fit the budget, and the request and byte counts do not depend on it.

// growthParallelism is Terraform's default -parallelism.
const growthParallelism = 10

// growthPhases are the phases of a growth run, in order.
var growthPhases = []string{"apply", "refresh", "destroy"}

// growthMix is what a growth run manages: API keys or groups.
type growthMix string

const (
	mixKeys   growthMix = "keys"
	mixGroups growthMix = "groups"
)

// growthGroupMembers is how many members each group of the group mix has. Group i has the seeded users i to
// i+2 (of N), so each user is in three groups at every size, as in a directory that grows with its groups: a
// few users in every group would make each user's own answer grow with the groups instead.
const growthGroupMembers = 3

// phaseCost is what one phase cost the client.
type phaseCost struct {
	Requests int
	Bytes    int64
	Wall     time.Duration
	ByRoute  map[string]int
}

// growthRun is one platform, mix and size.
type growthRun struct {
	Platform string
	Mix      growthMix
	N        int
	Phases   map[string]phaseCost
	Failed   string
}

// perObject is a phase's cost divided by the number of objects.
func (r growthRun) perObject(phase string) (requests, bytes float64, ok bool) {
	c, ok := r.Phases[phase]
	if !ok || r.N == 0 {
		return 0, 0, false
	}
	return float64(c.Requests) / float64(r.N), float64(c.Bytes) / float64(r.N), true
}

// growthMixes are the mixes a platform runs: keys only where it has key endpoints.
func growthMixes(p platformDef) []growthMix {
	if p.Keys == keysNone {
		return []growthMix{mixGroups}
	}
	return []growthMix{mixKeys, mixGroups}
}

// runGrowth runs one platform, mix and size against a fresh mock; a phase over phaseLimit ends the run (its
// cost is then beyond linear anyway).
func runGrowth(p platformDef, mix growthMix, n int, phaseLimit time.Duration) (growthRun, error) {
	run := growthRun{Platform: p.Name, Mix: mix, N: n, Phases: map[string]phaseCost{}}
	m, err := serveMock(p, -1)
	if err != nil {
		return run, err
	}
	defer m.closeNow()
	ctx := context.Background()
	fresh := func() (benchClient, error) { return p.NewClient(m.URL, m.Token) }
	seeder, err := fresh()
	if err != nil {
		return run, err
	}
	owners, err := growthOwners(ctx, p, m, seeder, mix, n)
	if err != nil {
		return run, fmt.Errorf("seeding: %w", err)
	}

	ids := make([]string, n)
	phases := map[string]func(c benchClient, i int) error{
		"apply": func(c benchClient, i int) error {
			var err error
			ids[i], err = growthCreate(ctx, p, c, mix, i, owners)
			return err
		},
		"refresh": func(c benchClient, i int) error { return growthRead(ctx, c, mix, ids[i]) },
		"destroy": func(c benchClient, i int) error { return growthDelete(ctx, c, mix, ids[i]) },
	}
	for _, phase := range growthPhases {
		client, err := fresh()
		if err != nil {
			return run, err
		}
		m.take()
		m.bytes.Store(0)
		start := time.Now()
		phaseCtx, cancel := context.WithTimeout(ctx, phaseLimit)
		err = forEach(phaseCtx, n, growthParallelism, func(i int) error { return phases[phase](client, i) })
		cancel()
		wall := time.Since(start)
		if err != nil {
			run.Failed = fmt.Sprintf("%s: %v", phase, err)
			if phaseCtx.Err() != nil {
				run.Failed = fmt.Sprintf("%s took longer than %s", phase, phaseLimit)
			}
			return run, nil
		}
		st := m.take()
		run.Phases[phase] = phaseCost{Requests: st.Count, Bytes: m.bytes.Load(), Wall: wall, ByRoute: st.ByRoute}
		progress("  %-14s %-6s N=%-5d %-8s %7d requests %12d bytes %7.2fs  %s", p.Name, mix, n, phase, st.Count, m.bytes.Load(), wall.Seconds(), routes(st.ByRoute))
	}
	return run, nil
}

// growthOwners seeds what the mix's objects refer to: a key owner (or one user per key where a user has one
// key), or the group members.
func growthOwners(ctx context.Context, p platformDef, m *servedMock, c benchClient, mix growthMix, n int) ([]string, error) {
	count := n
	switch {
	case mix == mixKeys && p.Keys == keysUnowned:
		return nil, nil
	case mix == mixKeys && p.Keys == keysPerUser:
		count = 1
	case mix == mixGroups && p.SeedMembers != nil:
		return p.SeedMembers(ctx, m.API, count)
	}
	ids := make([]string, count)
	err := forEach(ctx, count, growthParallelism, func(i int) error {
		u, err := c.CreateUser(ctx, p.SeedUser(i))
		ids[i] = u.ID
		return err
	})
	return ids, err
}

func growthCreate(ctx context.Context, p platformDef, c benchClient, mix growthMix, i int, owners []string) (string, error) {
	name := fmt.Sprintf("growth-%d", i)
	if mix == mixGroups {
		members := make([]string, 0, growthGroupMembers)
		for j := range min(growthGroupMembers, len(owners)) {
			members = append(members, owners[(i+j)%len(owners)])
		}
		g, err := c.CreateGroup(ctx, platform.GroupSpec{Name: name, Members: members})
		return g.ID, err
	}
	spec := platform.APIKeySpec{Name: name, Extra: p.KeyExtra}
	switch p.Keys {
	case keysPerUser:
		spec.UserID = owners[0]
	case keysOnePerUser:
		spec.UserID = owners[i]
	}
	k, err := c.CreateAPIKey(ctx, spec)
	return k.ID, err
}

func growthRead(ctx context.Context, c benchClient, mix growthMix, id string) error {
	var err error
	switch r, refreshes := c.APIKeyBackend.(platform.APIKeyRefresher); {
	case mix == mixGroups:
		_, err = c.ReadGroup(ctx, id)
	case refreshes: // as the provider's refresh does, with the current secret
		_, err = r.RefreshAPIKey(ctx, id)
	default:
		_, err = c.ReadAPIKey(ctx, id)
	}
	return err
}

func growthDelete(ctx context.Context, c benchClient, mix growthMix, id string) error {
	if mix == mixGroups {
		return c.DeleteGroup(ctx, id)
	}
	return c.DeleteAPIKey(ctx, id)
}

// countingHandler counts the bytes of every answer's body: what a client receives, less the headers.
type countingHandler struct {
	next  http.Handler
	bytes *atomic.Int64
}

func (h countingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.next.ServeHTTP(&countingWriter{ResponseWriter: w, bytes: h.bytes}, r)
}

type countingWriter struct {
	http.ResponseWriter
	bytes *atomic.Int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.bytes.Add(int64(n))
	return n, err
}

// Unwrap lets http.ResponseController reach the connection underneath (the mocks' fault layer hijacks).
func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// targetGrowthRatio bounds the bytes per object at the largest size against the next smaller one: more means
// the cost of an object grows with the number of objects.
const targetGrowthRatio = 1.2

// requestFloor is the fewest requests per object a phase can take on the platform's API, with the reason
// when it is more than one. One list per run is allowed on top (for list-only reads), which at the largest
// size is far below the margin.
func requestFloor(p platformDef, mix growthMix, phase string) (float64, string) {
	if f, ok := p.RequestFloors[string(mix)+"/"+phase]; ok {
		return f.Requests, f.Why
	}
	return 1, ""
}

// requestFloorMargin is what the judged requests per object may exceed the floor by: a few requests per run.
const requestFloorMargin = 0.01

// growthTargets judges each platform, mix and phase at the two largest sizes.
func (r *report) growthTargets() []target {
	var out []target
	sizes := r.opts.growthSizes
	if len(sizes) < 2 {
		return nil
	}
	large, middle := sizes[len(sizes)-1], sizes[len(sizes)-2]
	for _, p := range r.opts.platforms {
		for _, mix := range growthMixes(p) {
			top, topOK := r.growthRun(p.Name, mix, large)
			mid, midOK := r.growthRun(p.Name, mix, middle)
			for _, phase := range growthPhases {
				name := fmt.Sprintf("Growth, %s mix, %s", mix, phase)
				floor, _ := requestFloor(p, mix, phase)
				req := target{Name: name + fmt.Sprintf(": requests per object, N=%d", large), Platform: p.Name,
					Goal: fmt.Sprintf("<= %.2f (API floor)", floor), Missing: true}
				grow := target{Name: name + fmt.Sprintf(": bytes per object, N=%d vs N=%d", large, middle), Platform: p.Name,
					Goal: fmt.Sprintf("<= %.1fx", targetGrowthRatio), Missing: true}
				if reqs, bytes, ok := top.perObject(phase); topOK && ok {
					req.Missing, req.Met = false, reqs <= floor+requestFloorMargin
					req.Measured = fmt.Sprintf("%.3f", reqs)
					if _, midBytes, ok := mid.perObject(phase); midOK && ok {
						grow.Missing = false
						grow.Met, grow.Measured = judgeGrowth(bytes, midBytes)
					}
				} else if failed := r.growthFailure(p.Name, mix); failed != "" {
					req.Missing, grow.Missing = false, false
					req.Measured, grow.Measured = failed, failed
				}
				out = append(out, req, grow)
			}
		}
	}
	return out
}

// judgeGrowth compares the bytes per object at the largest size with those at the next smaller one.
func judgeGrowth(large, middle float64) (met bool, measured string) {
	if middle == 0 {
		return large == 0, fmt.Sprintf("%.0f against %.0f bytes (no answer bodies)", large, middle)
	}
	ratio := large / middle
	return ratio <= targetGrowthRatio, fmt.Sprintf("%.2fx (%.0f against %.0f bytes)", ratio, large, middle)
}

func (r *report) growthRun(platformName string, mix growthMix, n int) (growthRun, bool) {
	for _, g := range r.growth {
		if g.Platform == platformName && g.Mix == mix && g.N == n && g.Failed == "" {
			return g, true
		}
	}
	return growthRun{}, false
}

// growthFailure is why a platform's mix stopped before its largest size, "" when it did not.
func (r *report) growthFailure(platformName string, mix growthMix) string {
	for _, g := range r.growth {
		if g.Platform == platformName && g.Mix == mix && g.Failed != "" {
			return fmt.Sprintf("stopped at N=%d: %s", g.N, g.Failed)
		}
	}
	return ""
}

func (r *report) renderGrowth(w writer) {
	if len(r.growth) == 0 {
		return
	}
	w("## Growth: requests and bytes per object\n\n")
	w("Each platform's client, driven as the provider's Create, Read and Delete drive it (a fresh client per phase, as each ")
	w("terraform command has one; %d at a time, Terraform's default parallelism), against its mock, without terraform. ", growthParallelism)
	w("Bytes are the answers' bodies. The key mix is N API keys; the group mix is N groups of %d seeded members, each member in %d groups.\n\n", growthGroupMembers, growthGroupMembers)
	w("| platform | mix | N | phase | requests/object | bytes/object | wall | requests by route |\n|---|---|---|---|---|---|---|---|\n")
	for _, g := range r.growth {
		if g.Failed != "" {
			w("| %s | %s | %d | | | | | %s |\n", g.Platform, g.Mix, g.N, codeSpan(g.Failed))
			continue
		}
		for _, phase := range growthPhases {
			reqs, bytes, ok := g.perObject(phase)
			if !ok {
				continue
			}
			c := g.Phases[phase]
			w("| %s | %s | %d | %s | %.3f | %.0f | %.2fs | %s |\n", g.Platform, g.Mix, g.N, phase, reqs, bytes, c.Wall.Seconds(), routes(c.ByRoute))
		}
	}
	w("\nAPI floors above one request per object:\n\n")
	for _, p := range r.opts.platforms {
		for _, mix := range growthMixes(p) {
			for _, phase := range growthPhases {
				if floor, why := requestFloor(p, mix, phase); why != "" {
					w("- %s, %s mix, %s: %.0f (%s)\n", p.Name, mix, phase, floor, why)
				}
			}
		}
	}
	w("\n")
}
