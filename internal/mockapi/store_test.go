package mockapi

import (
	"net/http"
	"reflect"
	"sync"
	"testing"
)

func TestTableKeepsCreationOrder(t *testing.T) {
	tab := NewTable[string, int]()
	for i, k := range []string{"c", "a", "b"} {
		tab.Put(k, i)
	}
	tab.Put("c", 9) // an update keeps its place
	if got := tab.InOrder(); !reflect.DeepEqual(got, []int{9, 1, 2}) {
		t.Errorf("InOrder = %v, want [9 1 2]", got)
	}
	tab.Delete("a")
	tab.Put("a", 5) // a re-created id goes to the end
	if got := tab.InOrder(); !reflect.DeepEqual(got, []int{9, 2, 5}) {
		t.Errorf("after delete and re-create: %v, want [9 2 5]", got)
	}
	if got := tab.Select(func(v int) bool { return v > 4 }); !reflect.DeepEqual(got, []int{9, 5}) {
		t.Errorf("Select = %v", got)
	}
	if got := tab.Pick(map[string]struct{}{"a": {}, "c": {}, "missing": {}}); !reflect.DeepEqual(got, []int{9, 5}) {
		t.Errorf("Pick = %v, want the existing rows in creation order", got)
	}
	if tab.Len() != 3 || !tab.Has("b") || tab.Has("zz") || tab.Get("zz") != 0 {
		t.Errorf("Len/Has/Get disagree with the rows: %v", tab.Rows())
	}
	if got := tab.Find(func(v int) bool { return v == 2 }); got != 2 {
		t.Errorf("Find = %d", got)
	}
	if got := tab.Find(func(v int) bool { return v == 7 }); got != 0 {
		t.Errorf("Find of nothing = %d, want the zero value", got)
	}
}

func TestSerialNeverReusesIDs(t *testing.T) {
	var s Serial
	if a, b := s.Next(), s.Next(); a != 1 || b != 2 {
		t.Fatalf("Next = %d, %d; want 1, 2", a, b)
	}
	s.Skip(10)
	s.Skip(4) // never goes back
	if got := s.Next(); got != 11 {
		t.Errorf("after Skip(10): %d, want 11", got)
	}
}

func TestRelationIsTheSameFactsFromBothSides(t *testing.T) {
	rel := NewRelation[string, int]()
	rel.Add("g1", 1)
	rel.Add("g1", 2)
	rel.Add("g2", 2)
	rel.Add("g2", 2)
	if rel.Len() != 3 || !rel.Has("g2", 2) || rel.Has("g2", 1) {
		t.Fatalf("links: %v", rel.right)
	}
	if got := rel.To(2); !reflect.DeepEqual(got, SetOf([]string{"g1", "g2"})) {
		t.Errorf("To(2) = %v", got)
	}
	rel.SetOf("g1", []int{3})
	if rel.Has("g1", 1) || !rel.Has("g1", 3) || len(rel.To(1)) != 0 {
		t.Errorf("SetOf left a stale link: %v / %v", rel.right, rel.left)
	}
	rel.SetTo(2, []string{"g1"})
	if !reflect.DeepEqual(rel.Of("g1"), SetOf([]int{2, 3})) || len(rel.Of("g2")) != 0 {
		t.Errorf("SetTo: %v", rel.right)
	}
	rel.DropLeft("g1")
	if rel.Len() != 0 || len(rel.To(2)) != 0 || len(rel.To(3)) != 0 {
		t.Errorf("DropLeft left links: %v / %v", rel.right, rel.left)
	}
	rel.Add("g3", 7)
	rel.DropRight(7)
	if rel.Len() != 0 || len(rel.Of("g3")) != 0 {
		t.Errorf("DropRight left links: %v", rel.right)
	}
}

// Writers and readers of one state under Mock.Lock, as handlers use it; -race reports any access the
// lock does not cover, and the final count shows that no write was lost.
func TestLockSerialisesWritesAndSharesReads(t *testing.T) {
	m := NewMock(Config{Platform: "kit"})
	tab, ids, rel := NewTable[int, string](), &Serial{}, NewRelation[int, int]()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 100 {
				unlock := m.Lock(http.MethodPost)
				id := ids.Next()
				tab.Put(id, "row")
				rel.Add(id%5, id)
				unlock()
			}
		}()
		go func() {
			defer wg.Done()
			for range 100 {
				unlock := m.Lock(http.MethodGet)
				_ = len(tab.InOrder()) + rel.Len()
				unlock()
			}
		}()
	}
	wg.Wait()
	if tab.Len() != 800 || rel.Len() != 800 {
		t.Errorf("rows %d, links %d; want 800 each", tab.Len(), rel.Len())
	}
}

// Deleting rows from anywhere in the order leaves the others where they were, and a listing holds no gap.
func TestTableDeleteKeepsTheOthersInOrder(t *testing.T) {
	tab := NewTable[int, int]()
	for i := range 100 {
		tab.Put(i, i)
	}
	var want []int
	for i := range 100 {
		if i%3 == 0 {
			tab.Delete(i)
		} else {
			want = append(want, i)
		}
	}
	tab.Delete(1000) // nothing there
	tab.Put(0, 0)    // re-created: at the end
	want = append(want, 0)
	if got := tab.InOrder(); !reflect.DeepEqual(got, want) || tab.Len() != len(want) {
		t.Errorf("InOrder = %v (Len %d), want %v", got, tab.Len(), want)
	}
}
