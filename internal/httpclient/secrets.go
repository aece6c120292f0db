package httpclient

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"
)

// minSecretLength is the shortest value masked. A configured header such as "X-Env: 1" is sensitive by
// schema, but masking every "1" would garble every message while hiding nothing worth hiding.
const minSecretLength = 4

// secretSet is every sensitive value a request carries: the token, the Authorization value, every
// configured header value, and the values of secret-named fields in its body. Longest first, so that a
// secret that holds another is masked whole.
type secretSet []string

func newSecretSet(values ...string) secretSet {
	var s secretSet
	for _, v := range values {
		if len(v) >= minSecretLength && !slices.Contains(s, v) {
			s = append(s, v)
		}
	}
	slices.SortStableFunc(s, func(a, b string) int { return len(b) - len(a) })
	return s
}

// with returns the set and more values, leaving the set itself as it is.
func (s secretSet) with(more ...string) secretSet {
	if len(more) == 0 {
		return s
	}
	return newSecretSet(append(slices.Clone(s), more...)...)
}

// configSecrets are the secrets every request carries: the token, the Authorization value, and every header
// value, also without its scheme ("Basic dXNlcjpwYXNz" is masked with and without "Basic ").
func configSecrets(cfg Config, token string) secretSet {
	values := []string{token, cfg.Authorization}
	for _, v := range cfg.Headers {
		values = append(values, v)
		if _, credentials, ok := strings.Cut(strings.TrimSpace(v), " "); ok {
			values = append(values, strings.TrimSpace(credentials))
		}
	}
	return newSecretSet(values...)
}

// bodySecrets are the string values under secret-named keys (IsSecretKey: passwords, keys, tokens) of a
// JSON request body, at any depth.
func bodySecrets(body []byte) []string {
	if len(body) == 0 {
		return nil
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return nil
	}
	var out []string
	var walk func(v any, secret bool)
	walk = func(v any, secret bool) {
		switch t := v.(type) {
		case map[string]any:
			for k, val := range t {
				walk(val, secret || IsSecretKey(k))
			}
		case []any:
			for _, item := range t {
				walk(item, secret)
			}
		case string:
			if secret {
				out = append(out, t)
			}
		}
	}
	walk(v, false)
	return out
}

// mask replaces every secret in text with [REDACTED], where text holds it as it is and where it holds it
// JSON-escaped, in any spelling ("\u0026" or "&", "\/" or "/"): a server that echoes a request in its
// error, or a message a decoder took from a JSON string, may carry either.
func (s secretSet) mask(text string) string {
	if len(s) == 0 || text == "" {
		return text
	}
	if !strings.Contains(text, `\`) {
		// Nothing escaped, the common case (every string of a logged body): no copy unless a secret is there.
		for _, secret := range s {
			text = strings.ReplaceAll(text, secret, redacted)
		}
		return text
	}
	decoded, offsets := unescapeJSON(text)
	var spans [][2]int // in text
	for _, secret := range s {
		for from := 0; ; {
			i := strings.Index(decoded[from:], secret)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(secret)
			spans = append(spans, [2]int{offsets[start], offsets[end]})
			from = end
		}
	}
	if len(spans) == 0 {
		return text
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var out strings.Builder
	done := 0
	for _, sp := range spans {
		if sp[1] <= done {
			continue // inside a span already masked
		}
		if sp[0] >= done {
			out.WriteString(text[done:sp[0]])
			out.WriteString(redacted)
		}
		done = sp[1]
	}
	out.WriteString(text[done:])
	return out.String()
}

// unescapeJSON decodes the JSON string escapes in text, leaving everything else as it is, and maps each
// byte of the result (and its end) to the offset in text where the character it came from starts.
func unescapeJSON(text string) (string, []int) {
	var out []byte
	offsets := make([]int, 0, len(text)+1)
	for i := 0; i < len(text); {
		decoded, n := unescapeAt(text, i)
		for range len(decoded) { // one offset per byte
			offsets = append(offsets, i)
		}
		out = append(out, decoded...)
		i += n
	}
	offsets = append(offsets, len(text))
	return string(out), offsets
}

// simpleEscapes are JSON's one-character escapes and what they stand for.
var simpleEscapes = map[byte]string{'"': `"`, '\\': `\`, '/': "/", 'b': "\b", 'f': "\f", 'n': "\n", 'r': "\r", 't': "\t"}

// unescapeAt decodes the escape sequence at text[i:] (or takes its one byte when there is none) and returns
// what it stands for and its length in text.
func unescapeAt(text string, i int) (string, int) {
	if text[i] != '\\' || i+1 >= len(text) {
		return text[i : i+1], 1
	}
	if simple, ok := simpleEscapes[text[i+1]]; ok {
		return simple, 2
	}
	// \uXXXX, or a surrogate pair of two: json.Unmarshal decodes exactly what JSON allows, and turns a lone
	// surrogate into U+FFFD.
	for _, n := range []int{6, 12} {
		if i+n > len(text) || text[i+1] != 'u' {
			break
		}
		var r string
		if json.Unmarshal([]byte(`"`+text[i:i+n]+`"`), &r) == nil && utf8.RuneCountInString(r) == 1 && r != "\uFFFD" {
			return r, n
		}
	}
	return text[i : i+1], 1
}
