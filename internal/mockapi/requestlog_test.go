package mockapi

import (
	"sync"
	"testing"
)

func TestRequestLogCountsAndFilters(t *testing.T) {
	log := NewRequestLog()
	log.Record(Entry{Method: "GET", Path: "/api/v3/core/groups/", Status: 200})
	log.Record(Entry{Method: "POST", Path: "/api/v3/core/groups/", Status: 201})
	log.Record(Entry{Method: "POST", Path: "/api/v3/core/users/", Status: 201})

	if got := log.Count(); got != 3 {
		t.Fatalf("Count() = %d, want 3", got)
	}
	cases := []struct {
		method, prefix string
		want           int
	}{
		{"", "", 3},
		{"POST", "", 2},
		{"post", "", 2}, // method comparison ignores case
		{"POST", "/api/v3/core/groups/", 1},
		{"", "/api/v3/core/users/", 1},
		{"DELETE", "", 0},
	}
	for _, c := range cases {
		if got := log.CountMatching(c.method, c.prefix); got != c.want {
			t.Errorf("CountMatching(%q, %q) = %d, want %d", c.method, c.prefix, got, c.want)
		}
	}

	entries := log.Entries()
	entries[0].Method = "MUTATED"
	if log.Entries()[0].Method != "GET" {
		t.Fatal("Entries() must return a copy, the log changed through it")
	}

	log.Reset()
	if log.Count() != 0 || len(log.Entries()) != 0 {
		t.Fatalf("after Reset: Count() = %d, entries = %d", log.Count(), len(log.Entries()))
	}
}

func TestRequestLogConcurrentRecord(t *testing.T) {
	log := NewRequestLog()
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				log.Record(Entry{Method: "GET", Path: "/x"})
				_ = log.CountMatching("GET", "/x")
			}
		}()
	}
	wg.Wait()
	if got := log.Count(); got != 1000 {
		t.Fatalf("Count() = %d after 1000 concurrent records", got)
	}
}

func TestRequestLogWrites(t *testing.T) {
	l := NewRequestLog()
	for _, m := range []string{"GET", "POST", "GET", "PATCH", "DELETE", "PUT"} {
		l.Record(Entry{Method: m, Path: "/x"})
	}
	if got := l.Writes(); got != 4 {
		t.Errorf("Writes = %d, want 4 (every method but GET)", got)
	}
}
