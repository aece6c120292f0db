package secoda

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Secoda's documented responses leak Python's str() into JSON: `pending` is shown as "False", a missing
// `last_login` or pagination link as "None". These types read such values and the proper JSON ones alike,
// so a response that is right by the schema and one that matches the examples both decode.

// isNone reports whether raw is JSON null, the string "None" (Python's str(None)), or nothing.
func isNone(raw []byte) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || bytes.Equal(t, []byte("null")) || bytes.Equal(t, []byte(`"None"`))
}

// looseBool is a boolean that may arrive as true/false, "True"/"False" (any case), "1"/"0", 1/0, or as
// null/"None"/"" (false). Anything else is an error: guessing whether a user is disabled would be worse.
type looseBool bool

func (b *looseBool) UnmarshalJSON(raw []byte) error {
	if isNone(raw) {
		*b = false
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case bool:
		*b = looseBool(x)
		return nil
	case float64:
		if x == 0 || x == 1 {
			*b = x == 1
			return nil
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "t", "yes", "1":
			*b = true
			return nil
		case "false", "f", "no", "0", "":
			*b = false
			return nil
		}
	}
	return fmt.Errorf("expected a boolean, got %s", bytes.TrimSpace(raw))
}

// looseString is a string that may be null or "None", both read as "".
type looseString string

func (s *looseString) UnmarshalJSON(raw []byte) error {
	if isNone(raw) {
		*s = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(raw, &v); err != nil {
		return fmt.Errorf("expected a string, got %s", bytes.TrimSpace(raw))
	}
	*s = looseString(v)
	return nil
}

// looseInt is a page number or count that may arrive as a number, a numeric string, or null/"None" (0).
type looseInt int

func (n *looseInt) UnmarshalJSON(raw []byte) error {
	if isNone(raw) {
		*n = 0
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case float64:
		if x == float64(int(x)) {
			*n = looseInt(x)
			return nil
		}
	case string:
		if i, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			*n = looseInt(i)
			return nil
		}
	}
	return fmt.Errorf("expected an integer, got %s", bytes.TrimSpace(raw))
}
