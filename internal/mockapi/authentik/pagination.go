package authentik

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// pager is DRF's PageNumberPagination as authentik configures it: 20 a page, at most 100, and
// ?page=last.
var pager = mockapi.Pager{DefaultSize: 20, MaxSize: 100, Last: true}

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

// writePage answers one page of items, rendering only the items on that page. A page that does
// not exist ("0", "abc", past the end) is 404 {"detail":"Invalid page."}; an empty list still has
// page 1, like Django's Paginator with allow_empty_first_page.
func writePage[T, J any](w http.ResponseWriter, r *http.Request, items []T, render func(T) J) {
	page, ok := pager.Window(r, len(items))
	if !ok {
		mockapi.WriteDetail(w, http.StatusNotFound, mockapi.MsgInvalidPage)
		return
	}
	p := paginationJSON{Count: page.Total, Current: page.Number, TotalPages: page.Pages}
	if page.Number > 1 {
		p.Previous = page.Number - 1
	}
	if page.Number < page.Pages {
		p.Next = page.Number + 1
	}
	if page.Total > 0 {
		p.StartIndex, p.EndIndex = page.Start+1, page.End
	}
	mockapi.WriteJSON(w, http.StatusOK, pageJSON{Pagination: p, Results: mockapi.Render(items, page, render), Autocomplete: map[string]any{}})
}
