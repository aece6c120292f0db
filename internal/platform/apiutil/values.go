package apiutil

import (
	"net/url"
	"slices"
)

// SortedCopy returns a sorted, never-nil copy, so that the same server state always reads the same.
func SortedCopy(in []string) []string {
	out := append(make([]string, 0, len(in)), in...)
	slices.Sort(out)
	return out
}

// CloneQuery copies a query deeply, so a page walk can set its page parameters without touching the
// caller's values.
func CloneQuery(query url.Values) url.Values {
	q := make(url.Values, len(query))
	for k, v := range query {
		q[k] = slices.Clone(v)
	}
	return q
}
