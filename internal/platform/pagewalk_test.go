package platform

import (
	"net/url"
	"strings"
	"testing"
)

func TestPageWalkStopsAtTheAnnouncedTotal(t *testing.T) {
	w := NewPageWalk("x GET /list")
	for page := 1; page <= 3; page++ {
		if err := w.Page([]int{page}, 3); err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if page < 3 {
			if err := w.Next(); err != nil {
				t.Fatalf("next after page %d: %v", page, err)
			}
		}
	}
	err := w.Next()
	if err == nil || !strings.Contains(err.Error(), "x GET /list: the server announced 3 pages and points past the last one") {
		t.Fatalf("next after the announced last page: %v", err)
	}
}

func TestPageWalkRefusesARepeatedPage(t *testing.T) {
	w := NewPageWalk("x GET /list")
	for i, items := range [][]string{{"a"}, {"b"}} {
		if err := w.Page(items, 0); err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
	}
	err := w.Page([]string{"a"}, 0)
	if err == nil || !strings.Contains(err.Error(), "page 3 repeats page 1") {
		t.Fatalf("repeated page: %v", err)
	}
}

// A list may grow by a page while it is read, not on every page.
func TestPageWalkAllowsOneMorePage(t *testing.T) {
	w := NewPageWalk("x GET /list")
	if err := w.Page([]int{1}, 2); err != nil {
		t.Fatal(err)
	}
	if err := w.Page([]int{2}, 3); err != nil {
		t.Fatalf("a list that grew by one page: %v", err)
	}
	if w.Announced() != 3 {
		t.Errorf("announced %d, want 3", w.Announced())
	}
	err := w.Page([]int{3}, 4)
	if err == nil || !strings.Contains(err.Error(), "page 3 announces 4 pages where the first announced 2") {
		t.Fatalf("a total that grows on every page: %v", err)
	}
}

func TestPageWalkWithoutTotalStopsAtMaxPages(t *testing.T) {
	w := NewPageWalk("x GET /list")
	for page := 1; page <= MaxPages; page++ {
		if err := w.Page(page, 0); err != nil {
			t.Fatal(err)
		}
		if page < MaxPages {
			if err := w.Next(); err != nil {
				t.Fatalf("next after page %d: %v", page, err)
			}
		}
	}
	if err := w.Next(); err == nil || !strings.Contains(err.Error(), "more than 10000 pages") {
		t.Fatalf("next after MaxPages: %v", err)
	}
}

func TestPageWalkCheckLink(t *testing.T) {
	origin, _ := url.Parse("https://api.secoda.co/api/v1")
	for link, ok := range map[string]bool{
		"/api/v1/user/?page=2": true,
		"?page=2":              true,
		"https://api.secoda.co/resource/all/?p=2": true,
		"https://API.secoda.co:443/api/v1/user/":  true,
		"http://api.secoda.co/api/v1/user/":       false,
		"https://api.secoda.co:8443/api/v1/user/": false,
		"https://evil.example/api/v1/user/":       false,
		"//evil.example/api/v1/user/":             false,
		"//api.secoda.co/api/v1/user/?page=2":     true,
		"https://u:p@evil.example/":               false,
		"https://api.secoda.co/%zz":               false,
	} {
		err := NewPageWalk("secoda GET /api/v1/user/").CheckLink(link, origin)
		if (err == nil) != ok {
			t.Errorf("CheckLink(%q) = %v, want ok=%v", link, err, ok)
		}
		if err != nil && strings.Contains(err.Error(), ":p@") {
			t.Errorf("CheckLink(%q) shows the link's password: %v", link, err)
		}
	}
}
