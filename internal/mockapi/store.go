package mockapi

import (
	"cmp"
	"slices"
)

// Table is one kind of object of a mock's state: rows by id, in the order they were first stored, so
// listings that follow creation order stay stable. It does no locking of its own: a mock's state is
// several tables and relations that change together, all under the Mock's one lock.
//
// The ids are kept in creation order as they are stored, so that a listing is a walk, not a sort: a mock
// runs in the same process as the benchmarks' terraform, and a read of one row that a real server answers
// from an index must not cost the machine a sort of every row (Onyx's search of the user directory, once per
// user refreshed, was most of the mock's time).
type Table[K comparable, V any] struct {
	rows  map[K]V
	order map[K]int64
	// keys are the ids in creation order (ascending order values); writes keep it, reads only walk it.
	keys []K
	seq  int64
}

// NewTable returns an empty table.
func NewTable[K comparable, V any]() *Table[K, V] {
	return &Table[K, V]{rows: map[K]V{}, order: map[K]int64{}}
}

// Get returns the row with id k, or the zero value.
func (t *Table[K, V]) Get(k K) V { return t.rows[k] }

// Has reports whether a row with id k exists.
func (t *Table[K, V]) Has(k K) bool {
	_, ok := t.rows[k]
	return ok
}

// Put stores v under k. A new id goes to the end of the creation order; an existing one keeps its place.
func (t *Table[K, V]) Put(k K, v V) {
	if _, ok := t.rows[k]; !ok {
		t.seq++
		t.order[k] = t.seq
		t.keys = append(t.keys, k)
	}
	t.rows[k] = v
}

// Delete removes the row with id k, if any.
func (t *Table[K, V]) Delete(k K) {
	seq, ok := t.order[k]
	if !ok {
		return
	}
	if i, found := slices.BinarySearchFunc(t.keys, seq, func(key K, seq int64) int { return cmp.Compare(t.order[key], seq) }); found {
		t.keys = slices.Delete(t.keys, i, i+1)
	}
	delete(t.rows, k)
	delete(t.order, k)
}

// Len is the number of rows.
func (t *Table[K, V]) Len() int { return len(t.rows) }

// Rows is the table itself, for ranging in no particular order; callers must not change it.
func (t *Table[K, V]) Rows() map[K]V { return t.rows }

// Find returns a row for which match is true, or the zero value. It scans without sorting, so a
// lookup by a unique natural key (a name, an email) stays linear; which row of several is unspecified.
func (t *Table[K, V]) Find(match func(V) bool) V {
	for _, v := range t.rows {
		if match(v) {
			return v
		}
	}
	var zero V
	return zero
}

// InOrder returns every row in creation order.
func (t *Table[K, V]) InOrder() []V {
	return t.Select(func(V) bool { return true })
}

// Select returns the rows for which keep is true, in creation order: a walk of the ids, no sort.
func (t *Table[K, V]) Select(keep func(V) bool) []V {
	out := []V{} // never nil: an empty listing encodes as [], not null
	for _, k := range t.keys {
		if v := t.rows[k]; keep(v) {
			out = append(out, v)
		}
	}
	return out
}

// Pick returns the rows with the given ids that exist, in creation order; ids may repeat.
func (t *Table[K, V]) Pick(ids map[K]struct{}) []V {
	keys := make([]K, 0, len(ids))
	for k := range ids {
		if t.Has(k) {
			keys = append(keys, k)
		}
	}
	return t.inOrder(keys)
}

// inOrder sorts keys, ids of rows that exist, in creation order and returns their rows.
func (t *Table[K, V]) inOrder(keys []K) []V {
	slices.SortFunc(keys, func(a, b K) int { return cmp.Compare(t.order[a], t.order[b]) })
	out := make([]V, len(keys))
	for i, k := range keys {
		out[i] = t.rows[k]
	}
	return out
}

// Serial hands out integer ids the way a database sequence does: 1, 2, 3... never reused.
type Serial struct{ last int }

// Next returns the next id.
func (s *Serial) Next() int {
	s.last++
	return s.last
}

// Skip makes Next continue after id, for seeded rows with fixed ids.
func (s *Serial) Skip(id int) { s.last = max(s.last, id) }

// Relation is a many-to-many relation (group members, say) indexed from both sides, so neither
// side's list needs a scan: a 10,000-member group stays cheap. Like Table it is not locked itself.
type Relation[L, R comparable] struct {
	right map[L]map[R]struct{}
	left  map[R]map[L]struct{}
}

// NewRelation returns an empty relation.
func NewRelation[L, R comparable]() *Relation[L, R] {
	return &Relation[L, R]{right: map[L]map[R]struct{}{}, left: map[R]map[L]struct{}{}}
}

// Add links l and r; linking twice is one link.
func (x *Relation[L, R]) Add(l L, r R) {
	if x.right[l] == nil {
		x.right[l] = map[R]struct{}{}
	}
	if x.left[r] == nil {
		x.left[r] = map[L]struct{}{}
	}
	x.right[l][r] = struct{}{}
	x.left[r][l] = struct{}{}
}

// Remove unlinks l and r, if they were linked.
func (x *Relation[L, R]) Remove(l L, r R) {
	delete(x.right[l], r)
	delete(x.left[r], l)
}

// Has reports whether l and r are linked.
func (x *Relation[L, R]) Has(l L, r R) bool {
	_, ok := x.right[l][r]
	return ok
}

// Of returns what l is linked to; callers must not change the set.
func (x *Relation[L, R]) Of(l L) map[R]struct{} { return x.right[l] }

// To returns what is linked to r; callers must not change the set.
func (x *Relation[L, R]) To(r R) map[L]struct{} { return x.left[r] }

// SetOf replaces what l is linked to.
func (x *Relation[L, R]) SetOf(l L, rs []R) {
	for r := range x.right[l] {
		x.Remove(l, r)
	}
	for _, r := range rs {
		x.Add(l, r)
	}
}

// SetTo replaces what is linked to r.
func (x *Relation[L, R]) SetTo(r R, ls []L) {
	for l := range x.left[r] {
		x.Remove(l, r)
	}
	for _, l := range ls {
		x.Add(l, r)
	}
}

// DropLeft removes l and every link it has (a deleted group and its memberships).
func (x *Relation[L, R]) DropLeft(l L) {
	for r := range x.right[l] {
		delete(x.left[r], l)
	}
	delete(x.right, l)
}

// DropRight removes r and every link it has.
func (x *Relation[L, R]) DropRight(r R) {
	for l := range x.left[r] {
		delete(x.right[l], r)
	}
	delete(x.left, r)
}

// Len is the number of links.
func (x *Relation[L, R]) Len() int {
	n := 0
	for _, rs := range x.right {
		n += len(rs)
	}
	return n
}

// SetOf returns the items as a set.
func SetOf[T comparable](items []T) map[T]struct{} {
	out := make(map[T]struct{}, len(items))
	for _, it := range items {
		out[it] = struct{}{}
	}
	return out
}

// SetIf stores *v in *dst when v is not nil: how an optional field of a validated write is applied.
func SetIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
