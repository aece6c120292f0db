package mockapi

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
)

// Hook registers a mock-only route of this platform. pattern is "METHOD path", path relative to
// /__mock/<Platform>/ (for example "DELETE groups/{id}"). The handler runs under the state lock (shared
// for GET) and needs no token; hook requests are never logged nor faulted. Paths no hook serves answer
// 404 with a hook error.
func (m *Mock) Hook(pattern string, h http.HandlerFunc) {
	method, path, _ := strings.Cut(pattern, " ")
	m.hooks.HandleFunc(method+" "+HookPrefix+m.cfg.Platform+"/"+strings.TrimPrefix(path, "/"),
		func(w http.ResponseWriter, r *http.Request) {
			defer m.Lock(method)()
			h(w, r)
		})
}

// HookFind returns the object a hook's path names, or answers 404 "no <kind> <id>" and returns the
// zero value. lookup gets the raw path segment and parses it as the platform's ids are parsed.
func HookFind[T comparable](w http.ResponseWriter, r *http.Request, segment, kind string, lookup func(string) T) T {
	var zero T
	raw := r.PathValue(segment)
	if v := lookup(raw); v != zero {
		return v
	}
	WriteHookError(w, http.StatusNotFound, "no "+kind+" "+raw)
	return zero
}

// HookDelete is a hook that deletes the object find names (finding answers its own 404): 204.
func HookDelete[T comparable](find func(http.ResponseWriter, *http.Request) T, del func(T)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var none T
		if v := find(w, r); v != none {
			del(v)
			WriteNoContent(w)
		}
	}
}

// DecodeHook decodes a hook body into v strictly: unknown keys are refused (400), so a misspelled
// drift fails the test instead of changing nothing. It has answered when it returns false.
func DecodeHook(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		WriteHookError(w, http.StatusBadRequest, "body must be a JSON object of known fields: "+err.Error())
		return false
	}
	return true
}

// SortedNames returns name(v) for every value, sorted, never nil: what a state hook lists, so a
// duplicate shows up as two equal neighbours.
func SortedNames[K comparable, V any](rows map[K]V, name func(V) string) []string {
	out := make([]string, 0, len(rows))
	for _, v := range rows {
		out = append(out, name(v))
	}
	sort.Strings(out)
	return out
}
