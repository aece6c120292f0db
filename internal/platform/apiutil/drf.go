package apiutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// DRF decodes the validation answers (400) of a Django REST framework API: {field: [messages]} with
// non_field_errors for whole-object problems, a {"detail": ...} object, a JSON list, or text that is not
// JSON at all.
type DRF struct {
	// Fields maps the API's field names to fields. A name mapped to the zero Field is about the whole object
	// (such as non_field_errors); a name not in the map keeps its name in the message rather than get an
	// invented field.
	Fields map[string]platform.Field
	// Codes are the keys that hold machine-readable codes beside the messages, not fields.
	Codes []string
	// Silent is the message of an answer that says nothing.
	Silent string
	// Taken are phrases (lower case) by which a message says a unique value is taken: such an answer is a
	// *platform.ConflictError.
	Taken []string
}

// Error decodes a 400 into *platform.InvalidError or *platform.ConflictError. The APIError's message quotes
// the server as it wrote it ("users: Invalid pk ...").
func (d DRF) Error(apiErr *platform.APIError, body []byte) error {
	fields, quoted := d.parse(body)
	if len(fields) == 0 {
		apiErr.Message = d.Silent
		fields = []platform.FieldError{{Message: apiErr.Message}}
	} else {
		apiErr.Message = strings.Join(quoted, "; ")
	}
	for _, f := range fields {
		if d.isTaken(f.Message) {
			return &platform.ConflictError{Fields: fields, Err: apiErr}
		}
	}
	return &platform.InvalidError{Fields: fields, Err: apiErr}
}

// parse returns the field errors on their fields, and the same messages as the server wrote them.
func (d DRF) parse(body []byte) (fields []platform.FieldError, quoted []string) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, nil
	}
	var decoded any
	if err := json.Unmarshal(trimmed, &decoded); err != nil {
		msg := httpclient.ServerText(trimmed)
		return []platform.FieldError{{Message: msg}}, []string{msg}
	}
	obj, isObject := decoded.(map[string]any)
	if !isObject {
		for _, msg := range flattenMessages(decoded) {
			fields = append(fields, platform.FieldError{Message: msg})
			quoted = append(quoted, msg)
		}
		return fields, quoted
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		if slices.Contains(d.Codes, key) {
			continue
		}
		attr, known := d.Fields[key]
		for _, msg := range flattenMessages(obj[key]) {
			if known {
				fields = append(fields, platform.FieldError{Field: attr, Message: msg})
			} else {
				fields = append(fields, platform.FieldError{Message: key + ": " + msg})
			}
			if known && attr.IsZero() {
				quoted = append(quoted, msg)
			} else {
				quoted = append(quoted, key+": "+msg)
			}
		}
	}
	return fields, quoted
}

func (d DRF) isTaken(msg string) bool {
	lower := strings.ToLower(msg)
	return slices.ContainsFunc(d.Taken, func(phrase string) bool { return strings.Contains(lower, phrase) })
}

// flattenMessages collects the strings of a DRF error value: a string, a list of them, or nested lists and
// objects (errors about list items or JSON keys), which are prefixed with their key.
func flattenMessages(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, item := range t {
			out = append(out, flattenMessages(item)...)
		}
		return out
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var out []string
		for _, k := range keys {
			for _, msg := range flattenMessages(t[k]) {
				out = append(out, k+": "+msg)
			}
		}
		return out
	case nil:
		return nil
	}
	return []string{fmt.Sprint(v)}
}
