package mockapi

import (
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

func drfBody(t *testing.T, raw string) *DRFBody {
	t.Helper()
	b, ok := ReadDRFBody(httptest.NewRecorder(), httptest.NewRequest("POST", "/", strings.NewReader(raw)))
	if !ok {
		t.Fatalf("ReadDRFBody(%s) refused", raw)
	}
	return b
}

func TestReadDRFBodyAnswersLikeDRF(t *testing.T) {
	for raw, want := range map[string]string{
		`[1]`:  `{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}`,
		`"x"`:  `{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}`,
		`{"a"`: `{"detail":"JSON parse error - unexpected end of JSON input"}`,
	} {
		rec := httptest.NewRecorder()
		if _, ok := ReadDRFBody(rec, httptest.NewRequest("POST", "/", strings.NewReader(raw))); ok || rec.Code != 400 || rec.Body.String() != want {
			t.Errorf("%s: %d %s, want 400 %s", raw, rec.Code, rec.Body, want)
		}
	}
}

func TestDRFFieldReaders(t *testing.T) {
	b := drfBody(t, `{"s":"  x  ","n":12,"blank":" ","null":null,"list":"no","yes":"Yes","one":1,"two":2,
		"int":"7","float":"7.5","role":"Admin","long":"abcd","ids":[1,"a"],"unknown":{}}`)
	b.Require("s", "missing")
	if s, ok := b.Str("s", StrRule{}); !ok || s != "x" {
		t.Errorf("Str trims: %q %v", s, ok)
	}
	if s, ok := b.Str("n", StrRule{}); !ok || s != "12" {
		t.Errorf("Str of a number: %q %v", s, ok)
	}
	if s, ok := b.Str("s", StrRule{NoTrim: true}); !ok || s != "  x  " {
		t.Errorf("Str NoTrim: %q", s)
	}
	b.Str("blank", StrRule{})
	if s, ok := b.Str("blank", StrRule{AllowBlank: true}); !ok || s != "" {
		t.Errorf("Str AllowBlank: %q %v", s, ok)
	}
	b.Str("null", StrRule{})
	if _, ok := b.Str("null", StrRule{AllowNull: true}); ok {
		t.Error("a null string is no value")
	}
	if p, ok := b.NullableStr("null", StrRule{}); !ok || p != nil {
		t.Errorf("NullableStr of null: %v %v", p, ok)
	}
	b.Str("long", StrRule{MaxLen: 3})
	if v, ok := b.Bool("yes"); !ok || !v {
		t.Error(`Bool("Yes")`)
	}
	if v, ok := b.Bool("one"); !ok || !v {
		t.Error("Bool(1)")
	}
	b.Bool("two")
	if n, ok := b.Int("int"); !ok || n != 7 {
		t.Errorf("Int of a digit string: %d %v", n, ok)
	}
	b.Int("float")
	b.List("list")
	if items, ok := b.List("ids"); !ok || len(items) != 2 {
		t.Errorf("List: %v %v", items, ok)
	}
	if v, ok := b.Choice("role", true, "admin", "viewer"); !ok || v != "admin" {
		t.Errorf("Choice folded: %q %v", v, ok)
	}
	b.Choice("role", false, "admin")
	b.Choice("null", false, "admin")
	want := FieldErrors{
		"missing": {MsgRequired},
		"blank":   {MsgBlank},
		"null":    {MsgNull, MsgNull},
		"long":    {"Ensure this field has no more than 3 characters."},
		"two":     {"Must be a valid boolean."},
		"float":   {"A valid integer is required."},
		"list":    {`Expected a list of items but got type "str".`},
		"role":    {`"Admin" is not a valid choice.`},
	}
	if !reflect.DeepEqual(b.Errs, want) {
		t.Errorf("errors\n got %v\nwant %v", b.Errs, want)
	}
	if !b.Errs.Has("role") || b.Errs.Has("s") || !b.Has("unknown") || b.Has("missing") {
		t.Error("Has disagrees with the body")
	}
}

func TestPythonTypeAndDjangoTime(t *testing.T) {
	for raw, want := range map[string]string{`"a"`: "str", `{}`: "dict", `[]`: "list", `true`: "bool", `null`: "NoneType", `1`: "int", `1.5`: "float", `1e3`: "float"} {
		if got := PythonType([]byte(raw)); got != want {
			t.Errorf("PythonType(%s) = %s, want %s", raw, got, want)
		}
	}
	if got := DjangoTime(time.Date(2026, 5, 1, 10, 30, 0, 0, time.FixedZone("", 3600))); got != "2026-05-01T09:30:00Z" {
		t.Errorf("whole seconds: %s", got)
	}
	if got := DjangoTime(time.Date(2026, 5, 1, 10, 30, 0, 1500, time.UTC)); got != "2026-05-01T10:30:00.000001Z" {
		t.Errorf("microseconds: %s", got)
	}
}

func TestMethodsServeHEADWithGET(t *testing.T) {
	m := Methods[int]{"GET": nil, "POST": nil}
	for method, want := range map[string]bool{"GET": true, "HEAD": true, "POST": true, "PUT": false} {
		if _, ok := m.For(httptest.NewRequest(method, "/", nil)); ok != want {
			t.Errorf("%s: %v, want %v", method, ok, want)
		}
	}
}
