package mockapi

import (
	"net/http/httptest"
	"reflect"
	"testing"
)

func TestPagerWindows(t *testing.T) {
	p := Pager{DefaultSize: 2, MaxSize: 3, Last: true}
	items := []int{1, 2, 3, 4, 5}
	for _, c := range []struct {
		query string
		want  Page
		items []any
	}{
		{"", Page{Number: 1, Pages: 3, Start: 0, End: 2, Total: 5}, []any{1, 2}},
		{"?page=3", Page{Number: 3, Pages: 3, Start: 4, End: 5, Total: 5}, []any{5}},
		{"?page=last&page_size=3", Page{Number: 2, Pages: 2, Start: 3, End: 5, Total: 5}, []any{4, 5}},
		{"?page_size=99", Page{Number: 1, Pages: 2, Start: 0, End: 3, Total: 5}, []any{1, 2, 3}},
		{"?page_size=-1", Page{Number: 1, Pages: 3, Start: 0, End: 2, Total: 5}, []any{1, 2}},
	} {
		got, ok := p.Window(httptest.NewRequest("GET", "/"+c.query, nil), len(items))
		if !ok || got != c.want {
			t.Errorf("%q: %+v %v, want %+v", c.query, got, ok, c.want)
			continue
		}
		if r := Render(items, got, func(i int) any { return i }); !reflect.DeepEqual(r, c.items) {
			t.Errorf("%q: rendered %v, want %v", c.query, r, c.items)
		}
	}
	for _, q := range []string{"?page=0", "?page=4", "?page=x", "?page=-1"} {
		if got, ok := p.Window(httptest.NewRequest("GET", "/"+q, nil), len(items)); ok {
			t.Errorf("%q: %+v, want no such page", q, got)
		}
	}
	if _, ok := (Pager{DefaultSize: 2, MaxSize: 3}).Window(httptest.NewRequest("GET", "/?page=last", nil), 5); ok {
		t.Error("page=last accepted without Last")
	}
	if got, ok := p.Window(httptest.NewRequest("GET", "/", nil), 0); !ok || got.Pages != 1 || got.End != 0 {
		t.Errorf("an empty list: %+v %v, want page 1 of 1", got, ok)
	}
}
