package mockapi

import (
	"net/http"
	"strconv"
)

// Pager is page-number pagination as Django's Paginator and DRF's PageNumberPagination do it:
// ?page=N (1-based, default 1) and ?page_size=N (a positive integer capped at MaxSize; anything else
// means DefaultSize). An empty list still has page 1.
type Pager struct {
	DefaultSize, MaxSize int
	// Last accepts ?page=last for the last page.
	Last bool
}

// Page is one page of a listing: items [Start, End) of Total, page Number of Pages.
type Page struct {
	Number, Pages, Start, End, Total int
}

// Window finds the requested page of total items; ok is false for a page that does not exist ("0",
// "abc", past the end), which DRF answers with 404 "Invalid page.".
func (p Pager) Window(r *http.Request, total int) (page Page, ok bool) {
	size, err := strconv.Atoi(r.URL.Query().Get("page_size"))
	if err != nil || size <= 0 {
		size = p.DefaultSize
	}
	size = min(size, p.MaxSize)
	page = Page{Number: 1, Pages: max(1, (total+size-1)/size), Total: total}
	if raw := r.URL.Query().Get("page"); p.Last && raw == "last" {
		page.Number = page.Pages
	} else if raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > page.Pages {
			return Page{}, false
		}
		page.Number = n
	}
	page.Start = (page.Number - 1) * size
	page.End = min(page.Start+size, total)
	return page, true
}

// Render renders only the items on the page.
func Render[T, J any](items []T, p Page, render func(T) J) []J {
	out := make([]J, 0, p.End-p.Start)
	for _, it := range items[p.Start:p.End] {
		out = append(out, render(it))
	}
	return out
}
