package secoda

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

func TestListPagination(t *testing.T) {
	h := newHarness(t)
	for i := range 120 {
		h.createUser(map[string]any{"email": fmt.Sprintf("u%03d@example.com", i)})
	}
	// 121 users with the admin: pages of 50, 50 and 21.
	first := h.must(http.StatusOK, "GET", "/api/v1/user/", nil).obj()
	if first["count"] != float64(121) || first["total_pages"] != float64(3) || len(first["results"].([]any)) != 50 {
		t.Fatalf("page 1: count %v, total_pages %v, %d results", first["count"], first["total_pages"], len(first["results"].([]any)))
	}
	links := first["links"].(map[string]any)
	if links["previous"] != "None" {
		t.Errorf("page 1 previous = %#v, want the string \"None\" as in the docs' example", links["previous"])
	}
	next, err := url.Parse(links["next"].(string))
	if err != nil || !next.IsAbs() || next.Path != "/api/v1/user/" || next.Query().Get("page") != "2" {
		t.Errorf("page 1 next = %v, want an absolute URL of page 2", links["next"])
	}
	meta := first["meta"].(map[string]any)
	if meta["page"] != float64(1) || meta["previous_page"] != nil || meta["next_page"] != float64(2) {
		t.Errorf("page 1 meta = %v", meta)
	}
	if first["results"].([]any)[0].(map[string]any)["email"] != AdminEmail {
		t.Error("listing is not in creation order")
	}

	last := h.must(http.StatusOK, "GET", "/api/v1/user/?page=3", nil).obj()
	if n := len(last["results"].([]any)); n != 21 || last["links"].(map[string]any)["next"] != "None" {
		t.Errorf("page 3: %d results, next %v", n, last["links"].(map[string]any)["next"])
	}
	if prev, _ := url.Parse(last["links"].(map[string]any)["previous"].(string)); prev == nil || prev.Query().Get("page") != "2" {
		t.Errorf("page 3 previous = %v", last["links"].(map[string]any)["previous"])
	}
	// DRF's paginator names the last page "last" too.
	byName := h.must(http.StatusOK, "GET", "/api/v1/user/?page=last", nil).obj()
	if n := len(byName["results"].([]any)); n != 21 || byName["meta"].(map[string]any)["page"] != float64(3) {
		t.Errorf("page=last: %d results, meta %v; want page 3", n, byName["meta"])
	}
	for _, page := range []string{"0", "4", "x", "first"} {
		if r := h.do("GET", "/api/v1/user/?page="+page, nil); r.status != http.StatusNotFound || r.obj()["detail"] != "Invalid page." {
			t.Errorf("page %s: %d %s", page, r.status, r.raw)
		}
	}
	// page_size is honoured up to 100 and kept in the next link.
	big := h.must(http.StatusOK, "GET", "/api/v1/user/?page_size=500", nil).obj()
	if n := len(big["results"].([]any)); n != 100 || big["total_pages"] != float64(2) {
		t.Errorf("page_size=500: %d results, %v pages", n, big["total_pages"])
	}
	if next, _ := url.Parse(big["links"].(map[string]any)["next"].(string)); next == nil || next.Query().Get("page_size") != "500" {
		t.Errorf("next link lost page_size: %v", big["links"])
	}
	// An empty listing still has page 1.
	empty := h.must(http.StatusOK, "GET", "/api/v1/auth/group/", nil).obj()
	if empty["count"] != float64(0) || empty["total_pages"] != float64(1) || len(empty["results"].([]any)) != 0 {
		t.Errorf("empty listing = %v", empty)
	}
}
