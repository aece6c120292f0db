package platform

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// BenchmarkSnapshot is the list-only read path of a terraform command: a read from the kept list, a read after
// the list was dropped (a failed write), a read after the process's own write, and the first fill shared by
// concurrent reads. In its own file so that make bench (which runs the packages with a *_bench_test.go) runs it.
func BenchmarkSnapshot(b *testing.B) {
	items := make([]item, 1000)
	for i := range items {
		items[i] = item{i, fmt.Sprint(i)}
	}
	load := (&lister{items: items}).load
	ctx := context.Background()
	b.Run("hit", func(b *testing.B) {
		s := NewSnapshot(itemID)
		for i := 0; b.Loop(); i++ {
			_, _, _ = s.Find(ctx, load, i%1000)
		}
	})
	b.Run("invalidation", func(b *testing.B) {
		s := NewSnapshot(itemID)
		for i := 0; b.Loop(); i++ {
			s.Invalidate()
			_, _, _ = s.Find(ctx, load, i%1000)
		}
	})
	b.Run("write_then_read", func(b *testing.B) {
		s := NewSnapshot(itemID)
		for i := 0; b.Loop(); i++ {
			s.Put(item{i % 1000, "x"})
			_, _, _ = s.Find(ctx, load, i%1000)
		}
	})
	b.Run("concurrent_fill", func(b *testing.B) {
		for b.Loop() {
			s := NewSnapshot(itemID)
			var wg sync.WaitGroup
			for i := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, _, _ = s.Find(ctx, load, i)
				}()
			}
			wg.Wait()
		}
	})
}
