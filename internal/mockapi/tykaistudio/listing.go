package tykaistudio

import (
	"encoding/json"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const defaultPageSize = 10

// pageParams are the server's list parameters. badPage marks a page that is not a number >= 1: the
// server then writes a 400 error body and still runs the handler, whose 200 body is appended.
type pageParams struct {
	page, size int
	all        bool
	badPage    bool
}

func readPageParams(r *http.Request) pageParams {
	q := r.URL.Query()
	p := pageParams{page: 1, size: defaultPageSize, all: q.Get("all") == "true"}
	if raw := q.Get("page"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 {
			p.badPage = true
		} else {
			p.page = n
		}
	}
	if n, err := strconv.Atoi(q.Get("page_size")); err == nil && n > 0 {
		p.size = n
	}
	return p
}

// window returns the slice bounds of the requested page.
func (p pageParams) window(total int) (int, int) {
	if p.all {
		return 0, total
	}
	start := min((p.page-1)*p.size, total)
	return start, min(start+p.size, total)
}

// writeList answers a list the way every paginated handler does: {"data":[...]} plus the totals in
// X-Total-Count and X-Total-Pages (computed from page_size even when all=true).
func writeList(w http.ResponseWriter, p pageParams, total int, items []resourceJSON) {
	if p.badPage {
		// The pagination helper already wrote its 400; gin ignores the later status and headers but
		// appends the handler's body to the error body.
		writeError(w, http.StatusBadRequest, msgInvalidPageNumber)
		body, _ := json.Marshal(map[string]any{"data": items})
		_, _ = w.Write(body)
		return
	}
	w.Header().Set("X-Total-Count", strconv.Itoa(total))
	w.Header().Set("X-Total-Pages", strconv.Itoa(int(math.Ceil(float64(total)/float64(p.size)))))
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": items})
}

// writePage answers the requested page of all, each item rendered.
func writePage[T any](w http.ResponseWriter, p pageParams, all []T, render func(T) resourceJSON) {
	start, end := p.window(len(all))
	writeList(w, p, len(all), mockapi.Each(all[start:end], render))
}

// sortKey is one sortable column.
type sortKey[T any] func(a, b T) int

// sortBy orders items by the `sort` parameter ("col" ascending, "-col" descending, default id).
// An unknown column fails like the database does, with a 500 naming it; ok is false then and the
// answer has been written.
func sortBy[T any](w http.ResponseWriter, r *http.Request, items []T, columns map[string]sortKey[T]) bool {
	raw := r.URL.Query().Get("sort")
	if raw == "" {
		raw = "id"
	}
	col, desc := strings.TrimPrefix(raw, "-"), strings.HasPrefix(raw, "-")
	cmp, ok := columns[col]
	if !ok {
		writeError(w, http.StatusInternalServerError, msgNoSuchColumnPrefix+col)
		return false
	}
	sort.SliceStable(items, func(i, j int) bool {
		if desc {
			return cmp(items[j], items[i]) < 0
		}
		return cmp(items[i], items[j]) < 0
	})
	return true
}

func compareIDs(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

var userColumns = map[string]sortKey[*user]{
	"id":         func(a, b *user) int { return compareIDs(a.id, b.id) },
	"email":      func(a, b *user) int { return strings.Compare(a.email, b.email) },
	"name":       func(a, b *user) int { return strings.Compare(a.name, b.name) },
	"created_at": func(a, b *user) int { return a.createdAt.Compare(b.createdAt) },
	"updated_at": func(a, b *user) int { return a.updatedAt.Compare(b.updatedAt) },
}

var groupColumns = map[string]sortKey[*group]{
	"id":   func(a, b *group) int { return compareIDs(a.id, b.id) },
	"name": func(a, b *group) int { return strings.Compare(a.name, b.name) },
}

// likeFold is SQLite's LIKE '%term%': case-insensitive (for ASCII), which is what the observed
// server ran on. On Postgres the real match would be case-sensitive.
func likeFold(value, term string) bool {
	return strings.Contains(strings.ToLower(value), strings.ToLower(term))
}
