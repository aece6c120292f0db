package onyx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// Request bodies are checked the way FastAPI's pydantic models check them in lax mode: unknown keys
// are ignored, a missing required field or a value of the wrong type fails the whole request with
// 422, integers may come as numeric strings, UUIDs must parse. The 422 message imitates the text of a
// RequestValidationError (clients must not parse it; Onyx sends it as free text).

type bodyReader struct {
	raw  map[string]json.RawMessage
	errs []string
}

// readBody decodes a JSON object body; on failure it has answered 422.
func readBody(w http.ResponseWriter, r *http.Request) (*bodyReader, bool) {
	data, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	if err != nil {
		writeValidation(w, "[{'type': 'json_invalid', 'loc': ('body',), 'msg': 'could not read body'}]")
		return nil, false
	}
	var raw map[string]json.RawMessage
	if len(bytes.TrimSpace(data)) == 0 {
		writeValidation(w, "[{'type': 'missing', 'loc': ('body',), 'msg': 'Field required', 'input': None}]")
		return nil, false
	}
	if err := json.Unmarshal(data, &raw); err != nil || raw == nil {
		writeValidation(w, fmt.Sprintf("[{'type': 'model_attributes_type', 'loc': ('body',), 'msg': 'Input should be a valid dictionary or object to extract fields from', 'input': %q}]", clip(string(data))))
		return nil, false
	}
	return &bodyReader{raw: raw}, true
}

func (b *bodyReader) fail(name, typ, msg string) {
	b.errs = append(b.errs, fmt.Sprintf("{'type': '%s', 'loc': ('body', '%s'), 'msg': '%s'}", typ, name, msg))
}

// get returns the raw value of a field, nil when absent. A required field that is absent is an error.
func (b *bodyReader) get(name string, required bool) json.RawMessage {
	v, ok := b.raw[name]
	if !ok && required {
		b.fail(name, "missing", "Field required")
	}
	if !ok {
		return nil
	}
	return v
}

func isNull(v json.RawMessage) bool { return string(bytes.TrimSpace(v)) == "null" }

// field reads one value with parse; ok is false when it is absent (an error if required) or when parse
// refuses it, which is recorded as a typ error with msg.
func field[T any](b *bodyReader, name string, required bool, typ, msg string, parse func(json.RawMessage) (T, bool)) (T, bool) {
	var zero T
	v := b.get(name, required)
	if v == nil {
		return zero, false
	}
	value, ok := parse(v)
	if !ok {
		b.fail(name, typ, msg)
		return zero, false
	}
	return value, true
}

// listOf reads a list field item by item; present is false when it is absent or not a list (null is
// an error, as for any non-optional list). Items that fail are reported at their index and left out.
func listOf[T any](b *bodyReader, name string, required bool, typ, msg string, parse func(json.RawMessage) (T, bool)) (out []T, present bool) {
	items, ok := field(b, name, required, "list_type", "Input should be a valid list", func(v json.RawMessage) ([]json.RawMessage, bool) {
		var items []json.RawMessage
		return items, json.Unmarshal(v, &items) == nil && !isNull(v)
	})
	if !ok {
		return nil, false
	}
	out = make([]T, 0, len(items))
	for i, item := range items {
		value, ok := parse(item)
		if !ok {
			b.fail(fmt.Sprintf("%s', %d, '", name, i), typ, msg)
			continue
		}
		out = append(out, value)
	}
	return out, true
}

const (
	msgString  = "Input should be a valid string"
	msgInteger = "Input should be a valid integer"
	msgUUID    = "Input should be a valid UUID"
)

func (b *bodyReader) str(name string, required bool) (string, bool) {
	return field(b, name, required, "string_type", msgString, strictString)
}

// optionalStr reads a `str | None` field: absent and null are both nil.
func (b *bodyReader) optionalStr(name string) *string {
	if v := b.get(name, false); v == nil || isNull(v) {
		return nil
	}
	if s, ok := b.str(name, false); ok {
		return &s
	}
	return nil
}

func (b *bodyReader) boolean(name string, required bool) bool {
	v, _ := field(b, name, required, "bool_parsing", "Input should be a valid boolean", laxBool)
	return v
}

func (b *bodyReader) uuid(name string, required bool) string {
	v, _ := field(b, name, required, "uuid_parsing", msgUUID, laxUUID)
	return v
}

func (b *bodyReader) integer(name string, required bool) int {
	v, _ := field(b, name, required, "int_parsing", msgInteger, laxInt)
	return v
}

func (b *bodyReader) intList(name string, required bool) ([]int, bool) {
	return listOf(b, name, required, "int_parsing", msgInteger, laxInt)
}

func (b *bodyReader) uuidList(name string, required bool) []string {
	out, _ := listOf(b, name, required, "uuid_parsing", msgUUID, laxUUID)
	return out
}

func (b *bodyReader) strList(name string, required bool) ([]string, bool) {
	return listOf(b, name, required, "string_type", msgString, strictString)
}

// ok answers 422 when any field failed and reports whether the handler may go on.
func (b *bodyReader) ok(w http.ResponseWriter) bool {
	if len(b.errs) == 0 {
		return true
	}
	writeValidation(w, "["+strings.Join(b.errs, ", ")+"]")
	return false
}

func strictString(v json.RawMessage) (string, bool) {
	var s string
	return s, json.Unmarshal(v, &s) == nil && !isNull(v)
}

func laxInt(v json.RawMessage) (int, bool) {
	var f float64
	if err := json.Unmarshal(v, &f); err == nil && !isNull(v) {
		if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return 0, false
		}
		return int(f), true
	}
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		return n, err == nil
	}
	return 0, false
}

func laxBool(v json.RawMessage) (bool, bool) {
	var b bool
	if err := json.Unmarshal(v, &b); err == nil && !isNull(v) {
		return b, true
	}
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		return parseBool(s)
	}
	var n float64
	if err := json.Unmarshal(v, &n); err == nil && !isNull(v) && (n == 0 || n == 1) {
		return n == 1, true
	}
	return false, false
}

// parseBool accepts what pydantic accepts for a boolean in a string (query parameters included).
func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "on", "t", "y":
		return true, true
	case "false", "0", "no", "off", "f", "n":
		return false, true
	}
	return false, false
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$`)

// laxUUID accepts a UUID string with or without hyphens and returns it in canonical form.
func laxUUID(v json.RawMessage) (string, bool) {
	var s string
	if err := json.Unmarshal(v, &s); err != nil || !uuidPattern.MatchString(s) {
		return "", false
	}
	return canonicalUUID(s), true
}

func canonicalUUID(s string) string {
	h := strings.ToLower(strings.ReplaceAll(s, "-", ""))
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
