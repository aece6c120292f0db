package unleash

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// maxBody matches body-parser's default limit closely enough for a mock.
const maxBody = 100 << 10

// readBody parses a JSON object body. An empty body is {} (body-parser's behaviour); malformed JSON gets
// Express's HTML error page.
func readBody(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		malformedJSON(w, r, "request body could not be read", nil)
		return nil, false
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return map[string]any{}, true
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // integers must stay distinguishable from floats and strings
	var v any
	if err := dec.Decode(&v); err != nil {
		malformedJSON(w, r, fmt.Sprintf("Unexpected token in JSON (%v)", err), raw)
		return nil, false
	}
	obj, ok := v.(map[string]any)
	if !ok {
		// body-parser's strict mode accepts only objects and arrays at the top level.
		malformedJSON(w, r, "Unexpected non-object JSON body", raw)
		return nil, false
	}
	return obj, true
}

func writeJSON(w http.ResponseWriter, status int, v any) { mockapi.WriteJSON(w, status, v) }

// writeEmpty answers 200 with no body, as Express's res.status(200).end() does.
func writeEmpty(w http.ResponseWriter) { w.WriteHeader(http.StatusOK) }

// jsonText renders a value the way Unleash quotes what you sent in its messages.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// stringField returns body[key] as a string. present is false when the key is absent; ok is false when it is
// there with another type.
func stringField(body map[string]any, key string) (value string, present, ok bool) {
	v, present := body[key]
	if !present {
		return "", false, true
	}
	s, ok := v.(string)
	return s, true, ok
}

// requiredString reads a string property the schema requires, adding the validator's detail when it is
// missing or not a string.
func requiredString(body map[string]any, key string, details *[]detail) string {
	v, present, ok := stringField(body, key)
	switch {
	case !present:
		*details = append(*details, requiredProperty("/body/"+key))
	case !ok:
		*details = append(*details, wrongType("/body/"+key, "string", body[key]))
	}
	return v
}

// intValue reads a JSON integer (json.Number without fraction or exponent).
func intValue(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(n.String())
	return i, err == nil
}

// parseDateTime accepts what ajv's date-time format accepts: RFC 3339 with a time zone.
func parseDateTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// formatTime writes timestamps like Unleash: UTC with milliseconds.
func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func formatTimePtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

// pathID parses the integer {id} path parameter.
func pathID(r *http.Request) (int, bool) {
	s := r.PathValue("id")
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	return i, err == nil
}

// optionalDateTime reads a date-time property; bad is the schema complaint when it is not one.
func optionalDateTime(body map[string]any, key string) (t *time.Time, bad *detail) {
	v, present := body[key]
	if !present {
		return nil, nil
	}
	s, ok := v.(string)
	parsed, valid := parseDateTime(s)
	if !ok || !valid {
		return nil, &detail{Path: "/body/" + key, Message: fmt.Sprintf("The `/body/%s` property must match format \"date-time\". You sent %s.", key, jsonText(v))}
	}
	utc := parsed.UTC().Truncate(time.Millisecond)
	return &utc, nil
}

// stringList reads a JSON array of strings.
func stringList(v any) ([]string, bool) {
	items, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}
