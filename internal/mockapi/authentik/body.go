package authentik

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Field readers authentik adds to DRF's (the kit's DRFBody). Like those, each returns ok=false when
// the key is absent or its value is invalid, with the error recorded.

// object reads authentik's JSONDictField (attributes): any JSON object, stored compacted. It returns nil
// when the field is absent or invalid.
func object(b *mockapi.DRFBody, name string) json.RawMessage {
	raw, ok := b.Fields[name]
	if !ok {
		return nil
	}
	if b.IsNull(name) {
		b.Errs.Add(name, mockapi.MsgNull)
		return nil
	}
	if mockapi.PythonType(raw) != "dict" {
		b.Errs.Add(name, msgNotADict)
		return nil
	}
	var compact bytes.Buffer
	_ = json.Compact(&compact, raw)
	return json.RawMessage(compact.Bytes())
}

// dateTime reads a DRF DateTimeField; a nil result with ok=true means null was sent (allowed only
// when allowNull).
func dateTime(b *mockapi.DRFBody, name string, allowNull bool) (*time.Time, bool) {
	raw, ok := b.Fields[name]
	if !ok {
		return nil, false
	}
	if b.IsNull(name) {
		if !allowNull {
			b.Errs.Add(name, mockapi.MsgNull)
			return nil, false
		}
		return nil, true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		b.Errs.Add(name, dateTimeFormatError)
		return nil, false
	}
	t, valid := parseDateTime(strings.TrimSpace(s))
	if !valid {
		b.Errs.Add(name, dateTimeFormatError)
		return nil, false
	}
	return &t, true
}
