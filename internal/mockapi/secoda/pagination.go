package secoda

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// pager's default fits the docs' example (count 315 over 7 pages). page_size is documented for the
// audit log only; it is honoured here up to 100, as DRF's page_size_query_param would. The envelope and the
// 404 "Invalid page." are DRF's PageNumberPagination, which also takes ?page=last (its last_page_strings) [inf].
var pager = mockapi.Pager{DefaultSize: 50, MaxSize: 100, Last: true}

// noneLink is how the docs' example renders a missing link: Python's str(None), not JSON null.
const noneLink = "None"

type linksJSON struct {
	Next     string `json:"next"`
	Previous string `json:"previous"`
}

type metaJSON struct {
	Page         int  `json:"page"`
	PreviousPage *int `json:"previous_page"`
	NextPage     *int `json:"next_page"`
}

type pageJSON struct {
	Links      linksJSON `json:"links"`
	Meta       metaJSON  `json:"meta"`
	Count      int       `json:"count"`
	TotalPages int       `json:"total_pages"`
	Results    any       `json:"results"`
}

// writePage answers one page, rendering only the items on it. Pages are 1-based; no `page` means the
// first. A page that does not exist is 404 "Invalid page." (Django's paginator); an empty list still
// has page 1.
func writePage[T, J any](w http.ResponseWriter, r *http.Request, items []T, render func(T) J) {
	p, ok := pager.Window(r, len(items))
	if !ok {
		mockapi.WriteDetail(w, http.StatusNotFound, mockapi.MsgInvalidPage)
		return
	}
	out := pageJSON{
		Links:      linksJSON{Next: noneLink, Previous: noneLink},
		Meta:       metaJSON{Page: p.Number},
		Count:      p.Total,
		TotalPages: p.Pages,
		Results:    mockapi.Render(items, p, render),
	}
	if p.Number > 1 {
		prev := p.Number - 1
		out.Meta.PreviousPage = &prev
		out.Links.Previous = pageURL(r, prev)
	}
	if p.Number < p.Pages {
		next := p.Number + 1
		out.Meta.NextPage = &next
		out.Links.Next = pageURL(r, next)
	}
	mockapi.WriteJSON(w, http.StatusOK, out)
}

// pageURL is the absolute URL of another page of the same listing, keeping the other query parameters,
// like DRF's get_next_link.
func pageURL(r *http.Request, page int) string {
	u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path}
	if r.TLS != nil {
		u.Scheme = "https"
	}
	q := r.URL.Query()
	q.Set("page", strconv.Itoa(page))
	u.RawQuery = q.Encode()
	return u.String()
}
