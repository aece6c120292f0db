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

// str reads a string field. present is false when the field is absent.
func (b *bodyReader) str(name string, required bool) (value string, present bool) {
	v := b.get(name, required)
	if v == nil {
		return "", false
	}
	if err := json.Unmarshal(v, &value); err != nil || isNull(v) {
		b.fail(name, "string_type", "Input should be a valid string")
		return "", false
	}
	return value, true
}

// optionalStr reads a `str | None` field: absent and null are both nil.
func (b *bodyReader) optionalStr(name string) *string {
	v := b.get(name, false)
	if v == nil || isNull(v) {
		return nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		b.fail(name, "string_type", "Input should be a valid string")
		return nil
	}
	return &s
}

func (b *bodyReader) boolean(name string, required bool) bool {
	v := b.get(name, required)
	if v == nil {
		return false
	}
	value, ok := laxBool(v)
	if !ok {
		b.fail(name, "bool_parsing", "Input should be a valid boolean")
	}
	return value
}

func (b *bodyReader) uuid(name string, required bool) string {
	v := b.get(name, required)
	if v == nil {
		return ""
	}
	id, ok := laxUUID(v)
	if !ok {
		b.fail(name, "uuid_parsing", "Input should be a valid UUID")
	}
	return id
}

// list reads a list field. Absent is nil; null is an error, as for any non-optional list.
func (b *bodyReader) list(name string, required bool) ([]json.RawMessage, bool) {
	v := b.get(name, required)
	if v == nil {
		return nil, false
	}
	var items []json.RawMessage
	if err := json.Unmarshal(v, &items); err != nil || isNull(v) {
		b.fail(name, "list_type", "Input should be a valid list")
		return nil, false
	}
	if items == nil {
		items = []json.RawMessage{}
	}
	return items, true
}

func (b *bodyReader) intList(name string, required bool) ([]int, bool) {
	items, ok := b.list(name, required)
	if !ok {
		return nil, false
	}
	out := make([]int, 0, len(items))
	for i, item := range items {
		n, ok := laxInt(item)
		if !ok {
			b.fail(fmt.Sprintf("%s', %d, '", name, i), "int_parsing", "Input should be a valid integer")
			continue
		}
		out = append(out, n)
	}
	return out, true
}

func (b *bodyReader) uuidList(name string, required bool) []string {
	items, ok := b.list(name, required)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(items))
	for i, item := range items {
		id, ok := laxUUID(item)
		if !ok {
			b.fail(fmt.Sprintf("%s', %d, '", name, i), "uuid_parsing", "Input should be a valid UUID")
			continue
		}
		out = append(out, id)
	}
	return out
}

func (b *bodyReader) strList(name string, required bool) ([]string, bool) {
	items, ok := b.list(name, required)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(items))
	for i, item := range items {
		var s string
		if err := json.Unmarshal(item, &s); err != nil || isNull(item) {
			b.fail(fmt.Sprintf("%s', %d, '", name, i), "string_type", "Input should be a valid string")
			continue
		}
		out = append(out, s)
	}
	return out, true
}

// ok answers 422 when any field failed and reports whether the handler may go on.
func (b *bodyReader) ok(w http.ResponseWriter) bool {
	if len(b.errs) == 0 {
		return true
	}
	writeValidation(w, "["+strings.Join(b.errs, ", ")+"]")
	return false
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

func (b *bodyReader) integer(name string, required bool) int {
	v := b.get(name, required)
	if v == nil {
		return 0
	}
	n, ok := laxInt(v)
	if !ok {
		b.fail(name, "int_parsing", "Input should be a valid integer")
	}
	return n
}
