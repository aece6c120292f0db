package mockapi

import (
	"encoding/json"
	"net/http"
)

// WriteJSON writes v as a JSON response with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Only a programming error in a mock can get here; say so loudly instead of sending half a body.
		http.Error(w, `{"detail":"mock could not encode its response: `+err.Error()+`"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// WriteNoContent answers 204 with an empty body.
func WriteNoContent(w http.ResponseWriter) {
	w.WriteHeader(http.StatusNoContent)
}

// JSONAt walks decoded JSON by object keys (string steps) and array indexes (int steps); nil when a step is
// missing. Mock tests use it to read answers without declaring the wire shapes.
func JSONAt(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k < 0 || k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

// Each maps items to their wire form; the result is never nil, so an empty list renders as [].
func Each[T, J any](items []T, f func(T) J) []J {
	out := make([]J, 0, len(items))
	for _, it := range items {
		out = append(out, f(it))
	}
	return out
}
