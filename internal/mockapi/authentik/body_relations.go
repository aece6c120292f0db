package authentik

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// uuidRefs reads a many=True PrimaryKeyRelatedField to objects keyed by uuid (groups, roles).
// Like DRF it reports only the first bad item. Returned uuids are canonical and de-duplicated.
func (b *body) uuidRefs(name string, exists func(uuid string) bool) ([]string, bool) {
	items, ok := b.list(name)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(items))
	seen := map[string]bool{}
	for _, item := range items {
		uuid, msg := uuidRef(item, exists)
		if msg != "" {
			b.errs.add(name, msg)
			return nil, false
		}
		if !seen[uuid] {
			seen[uuid] = true
			out = append(out, uuid)
		}
	}
	return out, true
}

func uuidRef(item json.RawMessage, exists func(string) bool) (string, string) {
	switch pythonType(item) {
	case "str":
		var s string
		_ = json.Unmarshal(item, &s)
		uuid, valid := canonicalUUID(s)
		if !valid {
			return "", msgNotAUUID(s)
		}
		if !exists(uuid) {
			return "", msgDoesNotExist(s)
		}
		return uuid, ""
	case "int":
		// Django turns an int into UUID(int=n); no real object has such a uuid.
		return "", msgDoesNotExist(string(bytes.TrimSpace(item)))
	case "NoneType":
		return "", msgNull
	default:
		return "", msgIncorrectType(pythonType(item))
	}
}

// intRefs reads a many=True PrimaryKeyRelatedField to users (integer pks).
func (b *body) intRefs(name string, exists func(pk int) bool) ([]int, bool) {
	items, ok := b.list(name)
	if !ok {
		return nil, false
	}
	out := make([]int, 0, len(items))
	seen := map[int]bool{}
	for _, item := range items {
		pk, msg := intRef(item, exists)
		if msg != "" {
			b.errs.add(name, msg)
			return nil, false
		}
		if !seen[pk] {
			seen[pk] = true
			out = append(out, pk)
		}
	}
	return out, true
}

// userRef reads a single PrimaryKeyRelatedField to a user (Token.user).
func (b *body) userRef(name string, exists func(pk int) bool) (int, bool) {
	raw, ok := b.fields[name]
	if !ok {
		return 0, false
	}
	pk, msg := intRef(raw, exists)
	if msg != "" {
		b.errs.add(name, msg)
		return 0, false
	}
	return pk, true
}

func intRef(item json.RawMessage, exists func(int) bool) (int, string) {
	typ := pythonType(item)
	if typ == "NoneType" {
		return 0, msgNull
	}
	if typ != "int" && typ != "str" {
		return 0, msgIncorrectType(typ)
	}
	pk, ok := intValue(item)
	if !ok {
		return 0, msgIncorrectType(typ)
	}
	if !exists(pk) {
		return 0, msgDoesNotExist(strconv.Itoa(pk))
	}
	return pk, ""
}
