package main

import (
	"sort"
	"strconv"
	"strings"
)

// goBench is `go test -bench` output: the raw lines (benchstat's input format) and each benchmark's medians.
type goBench struct {
	Raw     string
	Results []goBenchResult
}

type goBenchResult struct {
	Pkg, Name string
	Runs      int
	// Median of each metric over the runs, by unit ("ns/op", "B/op", "allocs/op", "req/s", ...).
	Median map[string]float64
}

// parseGoBench keeps the lines benchstat reads (configuration and Benchmark lines) and summarises them.
func parseGoBench(out string) goBench {
	var raw strings.Builder
	type key struct{ pkg, name string }
	samples := map[key]map[string][]float64{}
	runs := map[key]int{}
	var order []key
	pkg := ""
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "goos:"), strings.HasPrefix(line, "goarch:"), strings.HasPrefix(line, "cpu:"):
			raw.WriteString(line + "\n")
		case strings.HasPrefix(line, "pkg:"):
			pkg = strings.TrimSpace(strings.TrimPrefix(line, "pkg:"))
			raw.WriteString(line + "\n")
		case strings.HasPrefix(line, "Benchmark"):
			f := strings.Fields(line)
			if len(f) < 4 || len(f)%2 != 0 {
				continue
			}
			if _, err := strconv.Atoi(f[1]); err != nil {
				continue
			}
			raw.WriteString(line + "\n")
			k := key{pkg, trimProcs(f[0])}
			if samples[k] == nil {
				samples[k] = map[string][]float64{}
				order = append(order, k)
			}
			runs[k]++
			for i := 2; i+1 < len(f); i += 2 {
				v, err := strconv.ParseFloat(f[i], 64)
				if err == nil {
					samples[k][f[i+1]] = append(samples[k][f[i+1]], v)
				}
			}
		}
	}
	gb := goBench{Raw: raw.String()}
	for _, k := range order {
		r := goBenchResult{Pkg: k.pkg, Name: k.name, Runs: runs[k], Median: map[string]float64{}}
		for unit, vs := range samples[k] {
			r.Median[unit] = median(vs)
		}
		gb.Results = append(gb.Results, r)
	}
	return gb
}

// trimProcs drops the -GOMAXPROCS suffix of a benchmark name.
func trimProcs(name string) string {
	if i := strings.LastIndex(name, "-"); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			return name[:i]
		}
	}
	return name
}

func median(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := append([]float64(nil), vs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// mockThroughput returns the median req/s of a route of the mock throughput benchmark (get_user: the
// refresh's request; create_user: the apply's) on a platform, or 0.
func (g goBench) mockThroughput(platformName, route string) float64 {
	for _, r := range g.Results {
		if r.Name == "BenchmarkMockThroughput/"+platformName+"/"+route {
			return r.Median["req/s"]
		}
	}
	return 0
}
