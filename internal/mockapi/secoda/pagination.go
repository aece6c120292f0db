package secoda

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// defaultPageSize fits the docs' example (count 315 over 7 pages). page_size is documented for the
// audit log only; it is honoured here up to maxPageSize, as DRF's page_size_query_param would.
const (
	defaultPageSize = 50
	maxPageSize     = 100
)

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
	Results    []any     `json:"results"`
}

func pageSize(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page_size"))
	if err != nil || n <= 0 {
		return defaultPageSize
	}
	return min(n, maxPageSize)
}

// writePage answers one page, rendering only the items on it. Pages are 1-based; no `page` means the
// first. A page that does not exist is 404 "Invalid page." (Django's paginator); an empty list still
// has page 1.
func writePage[T any](w http.ResponseWriter, r *http.Request, items []T, render func(T) any) {
	size := pageSize(r)
	total := len(items)
	pages := max(1, (total+size-1)/size)
	page := 1
	if raw := r.URL.Query().Get("page"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > pages {
			writeDetail(w, http.StatusNotFound, msgInvalidPage)
			return
		}
		page = n
	}
	start := (page - 1) * size
	end := min(start+size, total)
	out := pageJSON{
		Links:      linksJSON{Next: noneLink, Previous: noneLink},
		Meta:       metaJSON{Page: page},
		Count:      total,
		TotalPages: pages,
		Results:    make([]any, 0, end-start),
	}
	for _, it := range items[start:end] {
		out.Results = append(out.Results, render(it))
	}
	if page > 1 {
		prev := page - 1
		out.Meta.PreviousPage = &prev
		out.Links.Previous = pageURL(r, prev)
	}
	if page < pages {
		next := page + 1
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
