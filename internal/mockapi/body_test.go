package mockapi

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestReadObjectIsLenientAboutKeysOnly(t *testing.T) {
	fields, err := ReadObject(httptest.NewRequest("POST", "/", strings.NewReader(`{"name":"x","extra":[1]}`)))
	if err != nil || string(fields["name"]) != `"x"` || string(fields["extra"]) != `[1]` {
		t.Errorf("object: %v, %v", fields, err)
	}
	if fields, err := ReadObject(httptest.NewRequest("POST", "/", strings.NewReader(" \n"))); err != nil || len(fields) != 0 {
		t.Errorf("an empty body must read as {}: %v, %v", fields, err)
	}
	var notObject *NotObjectError
	if _, err := ReadObject(httptest.NewRequest("POST", "/", strings.NewReader(`[1]`))); !errors.As(err, &notObject) || string(notObject.Raw) != "[1]" {
		t.Errorf("a list: %v, want a NotObjectError", err)
	}
	if _, err := ReadObject(httptest.NewRequest("POST", "/", strings.NewReader(`{"a":`))); err == nil || errors.As(err, &notObject) {
		t.Errorf("malformed JSON: %v, want the syntax error", err)
	}
}

func TestDecodeStrictRefusesUnknownKeys(t *testing.T) {
	var v struct {
		Name string `json:"name"`
	}
	if err := DecodeStrict(httptest.NewRequest("POST", "/", strings.NewReader(`{"name":"x"}`)), &v); err != nil || v.Name != "x" {
		t.Errorf("known key: %v, %+v", err, v)
	}
	if err := DecodeStrict(httptest.NewRequest("POST", "/", strings.NewReader(`{"title":"x"}`)), &v); err == nil {
		t.Error("an unknown key was accepted")
	}
}

func TestBufferBodyCanBeReadAgain(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader(`{"a":1}`))
	if err := BufferBody(r); err != nil {
		t.Fatal(err)
	}
	if fields, err := ReadObject(r); err != nil || string(fields["a"]) != "1" {
		t.Errorf("after BufferBody: %v, %v", fields, err)
	}
}

func TestIDs(t *testing.T) {
	a, b := NewUUID(), NewUUID()
	if got, ok := CanonicalUUID(strings.ToUpper(strings.ReplaceAll(a, "-", ""))); !ok || got != a || a == b {
		t.Errorf("NewUUID %q / %q, CanonicalUUID round trip %q %v", a, b, got, ok)
	}
	if a[14] != '4' || !strings.ContainsRune("89ab", rune(a[19])) {
		t.Errorf("%s is not a version 4, RFC 4122 uuid", a)
	}
	for _, bad := range []string{"", "{" + a + "}", a[:35], strings.Replace(a, a[:1], "g", 1)} {
		if _, ok := CanonicalUUID(bad); ok {
			t.Errorf("CanonicalUUID(%q) accepted", bad)
		}
	}
	key := RandomString("ab", 64)
	if len(key) != 64 || strings.Trim(key, "ab") != "" || !strings.Contains(key, "a") || !strings.Contains(key, "b") {
		t.Errorf("RandomString = %q", key)
	}
}
