package httpclient

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// MaxMessageLength caps how much of a body that is not a JSON error (an HTML error page from a proxy, say)
// goes into an error message, in bytes; TruncateMessage adds an ellipsis beyond it.
const MaxMessageLength = 300

// RedactSecret cuts every occurrence of secret out of an answer's body, in case a proxy or a debugging server
// echoes request headers. The body is returned as it is when it holds no secret, or secret is empty.
func RedactSecret(body []byte, secret string) []byte {
	if secret == "" || !bytes.Contains(body, []byte(secret)) {
		return body
	}
	return bytes.ReplaceAll(body, []byte(secret), []byte(redacted))
}

// ServerText makes a body that is not a structured error fit for a message: runs of white space (line
// breaks of an HTML page included) become one space, and the text is cut at MaxMessageLength.
func ServerText(body []byte) string {
	return TruncateMessage(strings.Join(strings.Fields(string(body)), " "))
}

// TruncateMessage cuts s to at most MaxMessageLength bytes, on a rune boundary, and marks the cut with "…".
func TruncateMessage(s string) string {
	if len(s) <= MaxMessageLength {
		return s
	}
	cut := MaxMessageLength
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// AppendHint adds what to do to a server's message: "message: hint", or the hint alone when the server said
// nothing.
func AppendHint(msg, hint string) string {
	if msg == "" {
		return hint
	}
	return msg + ": " + hint
}
