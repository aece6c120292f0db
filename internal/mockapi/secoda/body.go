package secoda

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
)

// body is a parsed JSON request object plus the field errors found while reading it. Each reader
// returns ok=false when the key is absent or its value is invalid (the error is recorded).
type body struct {
	fields map[string]json.RawMessage
	errs   fieldErrors
}

// readBody parses the request as DRF's JSONParser would; an empty body is an empty object. On failure
// it has already answered 400.
func readBody(w http.ResponseWriter, r *http.Request) (*body, bool) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
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
		writeValidationErrors(w, fieldErrors{"non_field_errors": {"Invalid data. Expected a dictionary, but got " + pythonType(raw) + "."}})
		return nil, false
	}
	_ = json.Unmarshal(raw, &b.fields)
	return b, true
}

func (b *body) has(name string) bool {
	_, ok := b.fields[name]
	return ok
}

// str reads a DRF CharField: strings and numbers (stringified), trimmed; null is refused. Blank values
// are allowed only when allowBlank.
func (b *body) str(name string, allowBlank bool) (string, bool) {
	raw, ok := b.fields[name]
	if !ok {
		return "", false
	}
	var s string
	switch pythonType(raw) {
	case "str":
		_ = json.Unmarshal(raw, &s)
	case "int", "float":
		s = string(bytes.TrimSpace(raw))
	case "NoneType":
		b.errs.add(name, msgNull)
		return "", false
	default:
		b.errs.add(name, msgNotAString)
		return "", false
	}
	s = strings.TrimSpace(s)
	if s == "" && !allowBlank {
		b.errs.add(name, msgBlank)
		return "", false
	}
	return s, true
}

// choiceFold reads a choice field that, like Secoda's role, takes its values in any case ("Admin" in
// the docs' request schema, "admin" in every response) and yields the lowercase choice.
func (b *body) choiceFold(name string, choices []string) (string, bool) {
	raw, ok := b.fields[name]
	if !ok {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = string(bytes.TrimSpace(raw))
	}
	if lower := strings.ToLower(strings.TrimSpace(s)); slices.Contains(choices, lower) {
		return lower, true
	}
	if pythonType(raw) == "NoneType" {
		b.errs.add(name, msgNull)
	} else {
		b.errs.add(name, msgInvalidChoice(s))
	}
	return "", false
}

// uuidRefs reads a many-related field of uuid primary keys, as DRF's PrimaryKeyRelatedField does: a
// list of strings, each a uuid of an existing object. Duplicates collapse. It returns the canonical ids.
func (b *body) uuidRefs(name string, exists func(id string) bool) ([]string, bool) {
	raw, ok := b.fields[name]
	if !ok {
		return nil, false
	}
	var items []json.RawMessage
	if pythonType(raw) == "NoneType" {
		b.errs.add(name, msgNull)
		return nil, false
	}
	if json.Unmarshal(raw, &items) != nil {
		b.errs.add(name, msgNotAList(pythonType(raw)))
		return nil, false
	}
	out := make([]string, 0, len(items))
	seen := map[string]bool{}
	for _, item := range items {
		var text string
		if json.Unmarshal(item, &text) != nil {
			text = string(bytes.TrimSpace(item))
		}
		id, valid := canonicalUUID(text)
		switch {
		case !valid:
			b.errs.add(name, msgNotAUUID(text))
		case !exists(id):
			b.errs.add(name, msgDoesNotExist(text))
		case !seen[id]:
			seen[id] = true
			out = append(out, id)
		}
	}
	if len(b.errs[name]) > 0 {
		return nil, false
	}
	return out, true
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
