package mockapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// MaxBodyBytes bounds what one request may upload to a mock; no real payload comes close.
const MaxBodyBytes = 16 << 20

// BufferBody reads the whole request body (up to MaxBodyBytes) into memory and puts it back, so a
// handler that runs under the state lock never waits for a slow client's upload.
func BufferBody(r *http.Request) error {
	raw, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes))
	if err != nil {
		return err
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	return nil
}

// NotObjectError is ReadObject's error for a body that is valid JSON but not an object.
type NotObjectError struct{ Raw json.RawMessage }

func (e *NotObjectError) Error() string {
	return fmt.Sprintf("body is JSON but not an object: %.40s", e.Raw)
}

// ReadObject reads a JSON object body key by key, leaving each value raw for the platform's own
// field rules; keys nobody asks for are ignored, as lenient APIs do. An empty body is an empty object.
// The error is the read error, the JSON syntax error, or a *NotObjectError.
func ReadObject(r *http.Request) (map[string]json.RawMessage, error) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes))
	if err != nil {
		return nil, err
	}
	fields := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(raw)) == 0 {
		return fields, nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	if _, isObject := v.(map[string]any); !isObject {
		return nil, &NotObjectError{Raw: raw}
	}
	_ = json.Unmarshal(raw, &fields)
	return fields, nil
}

// DecodeStrict decodes a JSON body into v, refusing keys v does not declare: for APIs that reject
// unknown fields.
func DecodeStrict(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, MaxBodyBytes))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
