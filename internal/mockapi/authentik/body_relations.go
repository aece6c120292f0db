package authentik

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// uuidRefs reads a many=True PrimaryKeyRelatedField to objects keyed by uuid (groups, roles).
// Returned uuids are canonical.
func uuidRefs(b *mockapi.DRFBody, name string, exists func(uuid string) bool) ([]string, bool) {
	return refs(b, name, func(item json.RawMessage) (string, string) { return uuidRef(item, exists) })
}

// intRefs reads a many=True PrimaryKeyRelatedField to users (integer pks).
func intRefs(b *mockapi.DRFBody, name string, exists func(pk int) bool) ([]int, bool) {
	return refs(b, name, func(item json.RawMessage) (int, string) { return intRef(item, exists) })
}

// refs reads the list of a many=True relation with ref, which returns the key or an error message.
// Like DRF it reports only the first bad item. Keys are de-duplicated.
func refs[K comparable](b *mockapi.DRFBody, name string, ref func(json.RawMessage) (K, string)) ([]K, bool) {
	items, ok := b.List(name)
	if !ok {
		return nil, false
	}
	out := make([]K, 0, len(items))
	seen := map[K]bool{}
	for _, item := range items {
		k, msg := ref(item)
		if msg != "" {
			b.Errs.Add(name, msg)
			return nil, false
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out, true
}

func uuidRef(item json.RawMessage, exists func(string) bool) (string, string) {
	switch mockapi.PythonType(item) {
	case "str":
		var s string
		_ = json.Unmarshal(item, &s)
		uuid, valid := canonicalUUID(s)
		if !valid {
			return "", mockapi.MsgNotAUUID(s)
		}
		if !exists(uuid) {
			return "", mockapi.MsgDoesNotExist(s)
		}
		return uuid, ""
	case "int":
		// Django turns an int into UUID(int=n); no real object has such a uuid.
		return "", mockapi.MsgDoesNotExist(string(bytes.TrimSpace(item)))
	case "NoneType":
		return "", mockapi.MsgNull
	default:
		return "", msgIncorrectType(mockapi.PythonType(item))
	}
}

// userRef reads a single PrimaryKeyRelatedField to a user (Token.user).
func userRef(b *mockapi.DRFBody, name string, exists func(pk int) bool) (int, bool) {
	raw, ok := b.Fields[name]
	if !ok {
		return 0, false
	}
	pk, msg := intRef(raw, exists)
	if msg != "" {
		b.Errs.Add(name, msg)
		return 0, false
	}
	return pk, true
}

func intRef(item json.RawMessage, exists func(int) bool) (int, string) {
	typ := mockapi.PythonType(item)
	if typ == "NoneType" {
		return 0, mockapi.MsgNull
	}
	if typ != "int" && typ != "str" {
		return 0, msgIncorrectType(typ)
	}
	pk, ok := mockapi.DRFInt(item)
	if !ok {
		return 0, msgIncorrectType(typ)
	}
	if !exists(pk) {
		return 0, mockapi.MsgDoesNotExist(strconv.Itoa(pk))
	}
	return pk, ""
}
