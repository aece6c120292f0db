package mockapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Django REST framework's messages, verbatim, for the mocks of DRF applications (authentik, Secoda).
const (
	MsgRequired      = "This field is required."
	MsgBlank         = "This field may not be blank."
	MsgNull          = "This field may not be null."
	MsgNotAString    = "Not a valid string."
	MsgNotABool      = "Must be a valid boolean."
	MsgNotAnInt      = "A valid integer is required."
	MsgNotFound      = "Not found."
	MsgInvalidPage   = "Invalid page."
	MsgNoCredentials = "Authentication credentials were not provided."
	NonFieldErrors   = "non_field_errors"
)

// MsgMaxLength is CharField's max_length message.
func MsgMaxLength(n int) string {
	return fmt.Sprintf("Ensure this field has no more than %d characters.", n)
}

// MsgInvalidChoice is ChoiceField's message for a value not among the choices.
func MsgInvalidChoice(v string) string { return fmt.Sprintf("%q is not a valid choice.", v) }

// MsgDoesNotExist is PrimaryKeyRelatedField's message for a pk no object has.
func MsgDoesNotExist(pk string) string {
	return fmt.Sprintf("Invalid pk %q - object does not exist.", pk)
}

// MsgNotAList is ManyRelatedField's message for a value that is not a list.
func MsgNotAList(pythonType string) string {
	return fmt.Sprintf("Expected a list of items but got type %q.", pythonType)
}

// MsgNotAUUID is Django's UUIDField message.
func MsgNotAUUID(v string) string { return "“" + v + "” is not a valid UUID." }

// FieldErrors is DRF's validation error body: field name -> messages, whole-object problems under
// NonFieldErrors.
type FieldErrors map[string][]string

// Add records one message for field.
func (e FieldErrors) Add(field, msg string) { e[field] = append(e[field], msg) }

// Has reports whether field has a message.
func (e FieldErrors) Has(field string) bool { return len(e[field]) > 0 }

// WriteDetail answers DRF's {"detail": ...} body.
func WriteDetail(w http.ResponseWriter, status int, detail string) {
	WriteJSON(w, status, map[string]string{"detail": detail})
}

// WriteFieldErrors answers 400 with the field errors.
func WriteFieldErrors(w http.ResponseWriter, errs FieldErrors) {
	WriteJSON(w, http.StatusBadRequest, errs)
}

// WriteMethodNotAllowed is DRF's 405.
func WriteMethodNotAllowed(w http.ResponseWriter, method string) {
	WriteDetail(w, http.StatusMethodNotAllowed, fmt.Sprintf("Method %q not allowed.", method))
}

// DRFBody is a request body as DRF's JSONParser and serializer fields read it: undeclared keys are
// ignored, each field read by its type's rules, every problem recorded in Errs under the field's name.
// A reader returns ok=false when the key is absent or its value is invalid.
type DRFBody struct {
	Fields map[string]json.RawMessage
	Errs   FieldErrors
}

// ReadDRFBody reads the request body; on malformed JSON or a non-object it has answered 400 as DRF does.
func ReadDRFBody(w http.ResponseWriter, r *http.Request) (*DRFBody, bool) {
	fields, err := ReadObject(r)
	var notObject *NotObjectError
	switch {
	case errors.As(err, &notObject):
		WriteFieldErrors(w, FieldErrors{NonFieldErrors: {"Invalid data. Expected a dictionary, but got " + PythonType(notObject.Raw) + "."}})
		return nil, false
	case err != nil:
		WriteDetail(w, http.StatusBadRequest, "JSON parse error - "+err.Error())
		return nil, false
	}
	return &DRFBody{Fields: fields, Errs: FieldErrors{}}, true
}

// Has reports whether the key was sent.
func (b *DRFBody) Has(name string) bool {
	_, ok := b.Fields[name]
	return ok
}

// IsNull reports whether the key was sent as null.
func (b *DRFBody) IsNull(name string) bool { return string(bytes.TrimSpace(b.Fields[name])) == "null" }

// Require records MsgRequired for each absent name.
func (b *DRFBody) Require(names ...string) {
	for _, n := range names {
		if !b.Has(n) {
			b.Errs.Add(n, MsgRequired)
		}
	}
}

// StrRule is a CharField's options.
type StrRule struct {
	AllowBlank bool
	AllowNull  bool // null is then no error, and no value
	MaxLen     int  // in characters; 0 means none
	NoTrim     bool // DRF trims input unless told not to
}

// Str reads a CharField: numbers are accepted and stringified; booleans, lists and objects are not.
func (b *DRFBody) Str(name string, rule StrRule) (string, bool) {
	raw, ok := b.Fields[name]
	if !ok {
		return "", false
	}
	if b.IsNull(name) {
		if !rule.AllowNull {
			b.Errs.Add(name, MsgNull)
		}
		return "", false
	}
	var s string
	switch PythonType(raw) {
	case "str":
		_ = json.Unmarshal(raw, &s)
	case "int", "float":
		s = string(bytes.TrimSpace(raw))
	default:
		b.Errs.Add(name, MsgNotAString)
		return "", false
	}
	if !rule.NoTrim {
		s = strings.TrimSpace(s)
	}
	if s == "" && !rule.AllowBlank {
		b.Errs.Add(name, MsgBlank)
		return "", false
	}
	if rule.MaxLen > 0 && len([]rune(s)) > rule.MaxLen {
		b.Errs.Add(name, MsgMaxLength(rule.MaxLen))
		return s, false
	}
	return s, true
}

// NullableStr is Str for a field that may be null; a nil result with ok=true means null was sent.
func (b *DRFBody) NullableStr(name string, rule StrRule) (*string, bool) {
	if b.Has(name) && b.IsNull(name) {
		return nil, true
	}
	rule.AllowNull = false
	s, ok := b.Str(name, rule)
	if !ok {
		return nil, false
	}
	return &s, true
}

var (
	drfTrue  = map[string]bool{"true": true, "t": true, "yes": true, "y": true, "on": true, "1": true}
	drfFalse = map[string]bool{"false": true, "f": true, "no": true, "n": true, "off": true, "0": true}
)

// Bool reads a BooleanField, which also takes "true"/"yes"/1 style values.
func (b *DRFBody) Bool(name string) (bool, bool) {
	raw, ok := b.Fields[name]
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
		if drfTrue[strings.ToLower(x)] {
			return true, true
		}
		if drfFalse[strings.ToLower(x)] {
			return false, true
		}
	case nil:
		b.Errs.Add(name, MsgNull)
		return false, false
	}
	b.Errs.Add(name, MsgNotABool)
	return false, false
}

// Int reads an IntegerField: JSON integers and strings of digits.
func (b *DRFBody) Int(name string) (int, bool) {
	raw, ok := b.Fields[name]
	if !ok {
		return 0, false
	}
	if b.IsNull(name) {
		b.Errs.Add(name, MsgNull)
		return 0, false
	}
	n, ok := DRFInt(raw)
	if !ok {
		b.Errs.Add(name, MsgNotAnInt)
	}
	return n, ok
}

// DRFInt is IntegerField's conversion: a JSON number or a string holding an integral value.
func DRFInt(raw json.RawMessage) (int, bool) {
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

// List reads the JSON list behind a many=True field.
func (b *DRFBody) List(name string) ([]json.RawMessage, bool) {
	raw, ok := b.Fields[name]
	if !ok {
		return nil, false
	}
	if b.IsNull(name) {
		b.Errs.Add(name, MsgNull)
		return nil, false
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		b.Errs.Add(name, MsgNotAList(PythonType(raw)))
		return nil, false
	}
	return items, true
}

// Choice reads a ChoiceField; fold accepts the choices in any case and yields the lower-case one.
func (b *DRFBody) Choice(name string, fold bool, choices ...string) (string, bool) {
	raw, ok := b.Fields[name]
	if !ok {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = string(bytes.TrimSpace(raw))
	}
	v := s
	if fold {
		v = strings.ToLower(strings.TrimSpace(s))
	}
	if slices.Contains(choices, v) {
		return v, true
	}
	if b.IsNull(name) {
		b.Errs.Add(name, MsgNull)
	} else {
		b.Errs.Add(name, MsgInvalidChoice(s))
	}
	return "", false
}

// PythonType names a JSON value the way DRF's messages do ("str", "int", "dict", ...).
func PythonType(raw json.RawMessage) string {
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

// DjangoTime writes a time the way DRF renders Django datetimes: UTC with a "Z", microseconds unless
// they are all zero (Python's isoformat drops them then), e.g. 2023-05-10T14:27:23.797657Z.
func DjangoTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()/1000 == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}

// ReadValid reads a DRF body and runs validate on it; on malformed JSON or any field error it has
// answered 400 and returns false.
func ReadValid[C any](w http.ResponseWriter, r *http.Request, validate func(*DRFBody) (C, bool)) (C, bool) {
	var c C
	b, ok := ReadDRFBody(w, r)
	if !ok {
		return c, false
	}
	if c, ok = validate(b); !ok {
		WriteFieldErrors(w, b.Errs)
	}
	return c, ok
}
