package authentik

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// comparator orders two items by one field, ascending.
type comparator[T any] func(a, b T) int

// sortForListing applies DRF's OrderingFilter: "?ordering=name,-email" with fields from allowed;
// unknown fields are ignored and, when none is left, the view's default ordering applies.
// tieBreak makes the order total, so pages never overlap or skip items.
func sortForListing[T any](items []T, r *http.Request, allowed map[string]comparator[T], defaults []string, tieBreak comparator[T]) {
	type step struct {
		cmp  comparator[T]
		desc bool
	}
	var steps []step
	parse := func(fields []string) {
		for _, f := range fields {
			f = strings.TrimSpace(f)
			desc := strings.HasPrefix(f, "-")
			if cmp, ok := allowed[strings.TrimPrefix(f, "-")]; ok {
				steps = append(steps, step{cmp, desc})
			}
		}
	}
	if raw := r.URL.Query().Get("ordering"); raw != "" {
		parse(strings.Split(raw, ","))
	}
	if len(steps) == 0 {
		parse(defaults)
	}
	slices.SortStableFunc(items, func(a, b T) int {
		for _, s := range steps {
			c := s.cmp(a, b)
			if s.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return tieBreak(a, b)
	})
}

// searchTerms splits DRF's ?search= value: commas and whitespace separate terms, and every term
// must match at least one search field (case-insensitive substring).
func searchTerms(r *http.Request) []string {
	raw := strings.ReplaceAll(strings.ReplaceAll(r.URL.Query().Get("search"), "\x00", ""), ",", " ")
	return strings.Fields(strings.ToLower(raw))
}

func matchesSearch(terms []string, fields ...string) bool {
	for _, term := range terms {
		found := false
		for _, f := range fields {
			if strings.Contains(strings.ToLower(f), term) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// exactFilter returns the value of a django-filter exact filter; empty values disable the filter.
func exactFilter(r *http.Request, name string) (string, bool) {
	v := r.URL.Query().Get(name)
	return v, v != ""
}

// boolFilter reads django-filter's BooleanWidget: true/false/1/0; anything else disables the filter.
func boolFilter(r *http.Request, name string) (value, ok bool) {
	switch strings.ToLower(r.URL.Query().Get(name)) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

// multiFilter returns the non-empty values of a repeated filter (?type=a&type=b).
func multiFilter(r *http.Request, name string) []string {
	var out []string
	for _, v := range r.URL.Query()[name] {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// choiceFilter reads django-filter's ModelMultipleChoiceFilter (?name=a&name=b): key maps a value to
// the key of the object it names, or to the message for one that names none; like Django's form field
// it reports the first bad value only. nil when the filter is not used.
func choiceFilter[K comparable](r *http.Request, name string, errs mockapi.FieldErrors, key func(string) (K, string)) map[K]struct{} {
	values := multiFilter(r, name)
	if values == nil {
		return nil
	}
	out := map[K]struct{}{}
	for _, v := range values {
		k, msg := key(v)
		if msg != "" {
			errs.Add(name, msg)
			break
		}
		out[k] = struct{}{}
	}
	return out
}

// attributesFilter parses ?attributes={"k":"v"}. authentik applies each key as an
// attributes__<key> lookup, so "a__b" reaches into nested objects. Bad input is a 400 whose body is
// a JSON list, as authentik sends it.
func attributesFilter(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	raw := r.URL.Query().Get("attributes")
	if raw == "" {
		return nil, true
	}
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		writeListError(w, "filter: failed to parse JSON")
		return nil, false
	}
	m, isObject := v.(map[string]any)
	if !isObject {
		writeListError(w, "filter: value must be key:value mapping")
		return nil, false
	}
	return m, true
}

func writeListError(w http.ResponseWriter, msg string) {
	mockapi.WriteJSON(w, http.StatusBadRequest, []string{msg})
}

// attributesMatch reports whether every attributes__<path> lookup holds for the stored object.
func attributesMatch(stored json.RawMessage, want map[string]any) bool {
	if len(want) == 0 {
		return true
	}
	var have map[string]any
	if json.Unmarshal(stored, &have) != nil {
		return false
	}
	for path, expected := range want {
		var cur any = have
		for _, key := range strings.Split(path, "__") {
			obj, ok := cur.(map[string]any)
			if !ok {
				return false
			}
			if cur, ok = obj[key]; !ok {
				return false
			}
		}
		a, _ := json.Marshal(cur)
		b, _ := json.Marshal(expected)
		if string(a) != string(b) {
			return false
		}
	}
	return true
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// timeCompare orders optional times with NULLs last, as PostgreSQL sorts them ascending.
func timeCompare(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(*b)
}
