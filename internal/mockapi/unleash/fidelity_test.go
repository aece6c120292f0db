package unleash

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
)

// TestFidelity sends the same requests to the mock and to a real (open-source) Unleash and fails on any
// difference in status code, media type, Location header or JSON shape (field names and value types,
// recursively). Values are not compared: ids, secrets and timestamps differ by nature.
func TestFidelity(t *testing.T) {
	realURL, realToken := realServer(t)
	mock := New(Options{Token: "*:*.fidelity-test", Edition: EditionOpenSource, UserCreatesPerMinute: -1})
	srv := httptest.NewServer(mock)
	defer srv.Close()

	steps := append(append(userAndTokenSteps(), openSourceGroupSteps()...), openSourceServiceAccountSteps()...)
	sfx := newSuffix()
	realRun := run(t, realURL, realToken, steps, map[string]string{"sfx": sfx, "token": realToken})
	fake := run(t, srv.URL, mock.AdminToken(), steps, map[string]string{"sfx": sfx, "token": mock.AdminToken()})

	for i := range steps {
		r, m := realRun[i], fake[i]
		if r.status != r.step.status {
			// The scenario's expectation is part of the evidence: a real server that changed fails here first.
			t.Errorf("%s: the real server answered %d, the scenario expects %d: %s", r.name, r.status, r.step.status, r.body)
		}
		if diffs := compareExchanges(r, m); len(diffs) > 0 {
			t.Errorf("%s (%s %s): mock differs from the real server:\n  %s\n  real: %s\n  mock: %s",
				r.name, r.method, r.path, strings.Join(diffs, "\n  "), clip(r.body), clip(m.body))
		}
	}
}

func compareExchanges(r, m exchange) []string {
	var diffs []string
	if r.status != m.status {
		diffs = append(diffs, fmt.Sprintf("status: real %d, mock %d", r.status, m.status))
	}
	if r.mediaType != m.mediaType {
		diffs = append(diffs, fmt.Sprintf("content type: real %q, mock %q", r.mediaType, m.mediaType))
	}
	if (r.header.Get("Location") == "") != (m.header.Get("Location") == "") {
		diffs = append(diffs, fmt.Sprintf("Location header: real %q, mock %q", r.header.Get("Location"), m.header.Get("Location")))
	}
	if (len(r.body) == 0) != (len(m.body) == 0) {
		diffs = append(diffs, fmt.Sprintf("body: real %d bytes, mock %d bytes", len(r.body), len(m.body)))
	}
	if r.mediaType != "application/json" || m.mediaType != "application/json" {
		return diffs
	}
	rs, err1 := jsonShape(r.body, r.step, r.vars)
	ms, err2 := jsonShape(m.body, m.step, m.vars)
	if err1 != nil || err2 != nil {
		return append(diffs, fmt.Sprintf("JSON: real %v, mock %v", err1, err2))
	}
	return append(diffs, diffShapes("$", rs, ms)...)
}

// jsonShape decodes a body, applies the step's pick, and replaces every value by its type.
func jsonShape(body []byte, s step, vars map[string]string) (any, error) {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, err
	}
	if s.pick != nil {
		v = s.pick(v, vars)
	}
	return shapeOf(v), nil
}

// shapeOf maps objects to the shapes of their fields, scalars to their JSON type, and arrays to the distinct
// shapes of their elements ("[]" when empty).
func shapeOf(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, val := range x {
			out[k] = shapeOf(val)
		}
		return out
	case []any:
		if len(x) == 0 {
			return "[]"
		}
		seen := map[string]any{}
		for _, it := range x {
			s := shapeOf(it)
			key, _ := json.Marshal(s)
			seen[string(key)] = s
		}
		keys := make([]string, 0, len(seen))
		for k := range seen {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = seen[k]
		}
		return out
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

// diffShapes lists where two shapes differ, by JSON path.
func diffShapes(path string, a, b any) []string {
	am, aObj := a.(map[string]any)
	bm, bObj := b.(map[string]any)
	if aObj && bObj {
		var out []string
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			av, inA := am[k]
			bv, inB := bm[k]
			switch {
			case !inA:
				out = append(out, fmt.Sprintf("%s.%s: only the mock has it (%s)", path, k, compact(bv)))
			case !inB:
				out = append(out, fmt.Sprintf("%s.%s: the mock lacks it (real: %s)", path, k, compact(av)))
			default:
				out = append(out, diffShapes(path+"."+k, av, bv)...)
			}
		}
		return out
	}
	if compact(a) != compact(b) {
		return []string{fmt.Sprintf("%s: real %s, mock %s", path, compact(a), compact(b))}
	}
	return nil
}

func compact(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func clip(b []byte) string {
	s := string(b)
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}
