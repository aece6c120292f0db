package authentik

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// body is a parsed JSON request object plus the field errors found while reading it. Each reader
// method returns ok=false when the key is absent or its value is invalid (the error is recorded).
type body struct {
	fields map[string]json.RawMessage
	errs   fieldErrors
}

// readBody parses the request as DRF's JSONParser would. An empty body is an empty object.
// On failure it has already answered 400.
func readBody(w http.ResponseWriter, r *http.Request) (*body, bool) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		writeDetail(w, http.StatusBadRequest, "JSON parse error - "+err.Error())
		return nil, false
	}
	b := &body{fields: map[string]json.RawMessage{}, errs: fieldErrors{}}
	if len(bytes.TrimSpace(raw)) == 0 {
		return b, true
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		writeDetail(w, http.StatusBadRequest, "JSON parse error - "+err.Error())
		return nil, false
	}
	if _, isObject := v.(map[string]any); !isObject {
		writeValidationErrors(w, fieldErrors{nonFieldErrors: {"Invalid data. Expected a dictionary, but got " + pythonType(json.RawMessage(raw)) + "."}})
		return nil, false
	}
	_ = json.Unmarshal(raw, &b.fields)
	return b, true
}

func (b *body) has(name string) bool {
	_, ok := b.fields[name]
	return ok
}

func (b *body) isNull(name string) bool {
	return string(bytes.TrimSpace(b.fields[name])) == "null"
}

// requireAll records "This field is required." for each absent name.
func (b *body) requireAll(names ...string) {
	for _, n := range names {
		if !b.has(n) {
			b.errs.add(n, msgRequired)
		}
	}
}

type strRule struct {
	allowBlank bool
	allowNull  bool
	maxLen     int
	noTrim     bool // DRF trims CharField input unless told not to
}

// str reads a DRF CharField: numbers are accepted and stringified, booleans, lists and objects are not.
func (b *body) str(name string, rule strRule) (string, bool) {
	raw, ok := b.fields[name]
	if !ok {
		return "", false
	}
	if b.isNull(name) {
		if !rule.allowNull {
			b.errs.add(name, msgNull)
		}
		return "", false
	}
	var s string
	switch pythonType(raw) {
	case "str":
		_ = json.Unmarshal(raw, &s)
	case "int", "float":
		s = string(bytes.TrimSpace(raw))
	default:
		b.errs.add(name, msgNotAString)
		return "", false
	}
	if !rule.noTrim {
		s = strings.TrimSpace(s)
	}
	if s == "" && !rule.allowBlank {
		b.errs.add(name, msgBlank)
		return "", false
	}
	if rule.maxLen > 0 && len([]rune(s)) > rule.maxLen {
		b.errs.add(name, msgMaxLength(rule.maxLen))
		return s, false
	}
	return s, true
}

// nullableStr is str for a field that may be null; a nil result with ok=true means null was sent.
func (b *body) nullableStr(name string, rule strRule) (*string, bool) {
	if b.has(name) && b.isNull(name) {
		return nil, true
	}
	rule.allowNull = false
	s, ok := b.str(name, rule)
	if !ok {
		return nil, false
	}
	return &s, true
}

var (
	trueStrings  = map[string]bool{"true": true, "t": true, "yes": true, "y": true, "on": true, "1": true}
	falseStrings = map[string]bool{"false": true, "f": true, "no": true, "n": true, "off": true, "0": true}
)

// boolean reads a DRF BooleanField, which also takes "true"/"yes"/1 style values.
func (b *body) boolean(name string) (bool, bool) {
	raw, ok := b.fields[name]
	if !ok {
		return false, false
	}
	var v any
	_ = json.Unmarshal(raw, &v)
	switch x := v.(type) {
	case bool:
		return x, true
	case float64:
		if x == 1 || x == 0 {
			return x == 1, true
		}
	case string:
		if trueStrings[strings.ToLower(x)] {
			return true, true
		}
		if falseStrings[strings.ToLower(x)] {
			return false, true
		}
	case nil:
		b.errs.add(name, msgNull)
		return false, false
	}
	b.errs.add(name, msgNotABool)
	return false, false
}

// integer reads a DRF IntegerField: JSON integers and strings of digits.
func (b *body) integer(name string) (int, bool) {
	raw, ok := b.fields[name]
	if !ok {
		return 0, false
	}
	if b.isNull(name) {
		b.errs.add(name, msgNull)
		return 0, false
	}
	n, ok := intValue(raw)
	if !ok {
		b.errs.add(name, msgNotAnInt)
	}
	return n, ok
}

func intValue(raw json.RawMessage) (int, bool) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return 0, false
	}
	var text string
	switch x := v.(type) {
	case json.Number:
		text = x.String()
	case string:
		text = strings.TrimSpace(x)
	default:
		return 0, false
	}
	if f, err := strconv.ParseFloat(text, 64); err == nil && f == float64(int64(f)) && !strings.ContainsAny(text, "eE") {
		return int(f), true
	}
	n, err := strconv.Atoi(text)
	return n, err == nil
}

// object reads authentik's JSONDictField (attributes): any JSON object, stored compacted. It returns nil
// when the field is absent or invalid (the error is recorded).
func (b *body) object(name string) json.RawMessage {
	raw, ok := b.fields[name]
	if !ok {
		return nil
	}
	if b.isNull(name) {
		b.errs.add(name, msgNull)
		return nil
	}
	if pythonType(raw) != "dict" {
		b.errs.add(name, msgNotADict)
		return nil
	}
	var compact bytes.Buffer
	_ = json.Compact(&compact, raw)
	return json.RawMessage(compact.Bytes())
}

// dateTime reads a DRF DateTimeField; a nil result with ok=true means null was sent (allowed only
// when allowNull).
func (b *body) dateTime(name string, allowNull bool) (*time.Time, bool) {
	raw, ok := b.fields[name]
	if !ok {
		return nil, false
	}
	if b.isNull(name) {
		if !allowNull {
			b.errs.add(name, msgNull)
			return nil, false
		}
		return nil, true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		b.errs.add(name, dateTimeFormatError)
		return nil, false
	}
	t, valid := parseDateTime(strings.TrimSpace(s))
	if !valid {
		b.errs.add(name, dateTimeFormatError)
		return nil, false
	}
	return &t, true
}

// list reads the JSON list behind a many=True relation.
func (b *body) list(name string) ([]json.RawMessage, bool) {
	raw, ok := b.fields[name]
	if !ok {
		return nil, false
	}
	if b.isNull(name) {
		b.errs.add(name, msgNull)
		return nil, false
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		b.errs.add(name, msgNotAList(pythonType(raw)))
		return nil, false
	}
	return items, true
}

// choice reads a DRF ChoiceField.
func (b *body) choice(name string, choices ...string) (string, bool) {
	raw, ok := b.fields[name]
	if !ok {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = string(bytes.TrimSpace(raw))
	}
	for _, c := range choices {
		if s == c {
			return s, true
		}
	}
	if b.isNull(name) {
		b.errs.add(name, msgNull)
	} else {
		b.errs.add(name, msgInvalidChoice(s))
	}
	return "", false
}

// pythonType names a JSON value the way DRF's messages do ("str", "int", "dict", ...).
func pythonType(raw json.RawMessage) string {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "NoneType"
	}
	switch t[0] {
	case '"':
		return "str"
	case '{':
		return "dict"
	case '[':
		return "list"
	case 't', 'f':
		return "bool"
	case 'n':
		return "NoneType"
	}
	if bytes.ContainsAny(t, ".eE") {
		return "float"
	}
	return "int"
}
