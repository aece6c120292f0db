package authentik

import (
	"net/http"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// paginationJSON is authentik's envelope: next/previous are page numbers, 0 when there is none.
type paginationJSON struct {
	Next       int `json:"next"`
	Previous   int `json:"previous"`
	Count      int `json:"count"`
	Current    int `json:"current"`
	TotalPages int `json:"total_pages"`
	StartIndex int `json:"start_index"`
	EndIndex   int `json:"end_index"`
}

type pageJSON struct {
	Pagination   paginationJSON `json:"pagination"`
	Results      any            `json:"results"`
	Autocomplete map[string]any `json:"autocomplete"`
}

// pageSize follows DRF's PageNumberPagination: a positive integer capped at the maximum, anything
// else (missing, 0, negative, not a number) falls back to the default.
func pageSize(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page_size"))
	if err != nil || n <= 0 {
		return defaultPageSize
	}
	return min(n, maxPageSize)
}

// writePage answers one page of items, rendering only the items on that page. A page that does
// not exist ("0", "abc", past the end) is 404 {"detail":"Invalid page."}; an empty list still has
// page 1, like Django's Paginator with allow_empty_first_page.
func writePage[T any](w http.ResponseWriter, r *http.Request, items []T, render func(T) any) {
	size := pageSize(r)
	total := len(items)
	pages := max(1, (total+size-1)/size)

	page := 1
	if raw := r.URL.Query().Get("page"); raw == "last" {
		page = pages
	} else if raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > pages {
			writeDetail(w, http.StatusNotFound, msgInvalidPage)
			return
		}
		page = n
	}

	start := (page - 1) * size
	end := min(start+size, total)
	results := make([]any, 0, end-start)
	for _, it := range items[start:end] {
		results = append(results, render(it))
	}
	p := paginationJSON{Count: total, Current: page, TotalPages: pages}
	if page > 1 {
		p.Previous = page - 1
	}
	if page < pages {
		p.Next = page + 1
	}
	if total > 0 {
		p.StartIndex, p.EndIndex = start+1, end
	}
	mockapi.WriteJSON(w, http.StatusOK, pageJSON{Pagination: p, Results: results, Autocomplete: map[string]any{}})
}
