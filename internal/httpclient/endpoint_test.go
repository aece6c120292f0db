package httpclient

import (
	"strings"
	"testing"
)

func TestBaseURLAppendsThePrefixOnce(t *testing.T) {
	e := Endpoint{Platform: "authentik", Example: "https://auth.example.com", APIPrefix: "/api/v3"}
	for in, want := range map[string]string{
		"https://auth.example.com":              "https://auth.example.com/api/v3",
		" https://auth.example.com/ ":           "https://auth.example.com/api/v3",
		"https://auth.example.com/api/v3":       "https://auth.example.com/api/v3",
		"https://auth.example.com/api/v3///":    "https://auth.example.com/api/v3",
		"http://auth.example.com:9000/sub/path": "http://auth.example.com:9000/sub/path/api/v3",
		"https://auth.example.com/a%2Fb/":       "https://auth.example.com/a/b/api/v3",
	} {
		got, err := e.BaseURL(in)
		if err != nil || got.String() != want {
			t.Errorf("BaseURL(%q) = %v, %v; want %q", in, got, err, want)
		}
	}
}

func TestBaseURLWithoutPrefixOnlyNormalises(t *testing.T) {
	e := Endpoint{Platform: "unleash", Example: "https://unleash.example.com"}
	got, err := e.BaseURL("https://unleash.example.com/sub/")
	if err != nil || got.String() != "https://unleash.example.com/sub" {
		t.Errorf("BaseURL = %v, %v; want https://unleash.example.com/sub", got, err)
	}
}

func TestBaseURLRefusesWhatIsNotAServerRoot(t *testing.T) {
	e := Endpoint{Platform: "secoda", Example: "https://api.secoda.co", APIPrefix: "/api/v1"}
	for in, want := range map[string]string{
		"":                              `secoda endpoint "": want the server root, such as https://api.secoda.co`,
		"api.secoda.co":                 `secoda endpoint "api.secoda.co": want the server root, such as https://api.secoda.co`,
		"ftp://api.secoda.co":           `secoda endpoint "ftp://api.secoda.co": want the server root`,
		"https://":                      `secoda endpoint "https://": want the server root`,
		"https://u:p@api.secoda.co":     "secoda endpoint: must not contain credentials; use the token argument",
		"https://api.secoda.co/?a=b":    `secoda endpoint "https://api.secoda.co/?a=b": must not contain a query or fragment`,
		"https://api.secoda.co/#frag":   `secoda endpoint "https://api.secoda.co/#frag": must not contain a query or fragment`,
		"https://api.secoda.co/%zz/bad": `secoda endpoint "https://api.secoda.co/%zz/bad": want the server root`,
	} {
		got, err := e.BaseURL(in)
		if err == nil {
			t.Errorf("BaseURL(%q) = %v, want an error", in, got)
			continue
		}
		if !strings.HasPrefix(err.Error(), want) {
			t.Errorf("BaseURL(%q) error = %q, want it to start with %q", in, err, want)
		}
		if strings.Contains(err.Error(), ":p@") {
			t.Errorf("BaseURL(%q) error echoes the credentials: %q", in, err)
		}
	}
}
