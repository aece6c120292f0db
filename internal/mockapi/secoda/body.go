package secoda

import (
	"bytes"
	"encoding/json"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// uuidRefs reads a many-related field of uuid primary keys, as DRF's PrimaryKeyRelatedField does: a
// list of strings, each a uuid of an existing object, every bad item reported. Duplicates collapse. It
// returns the canonical ids.
func uuidRefs(b *mockapi.DRFBody, name string, exists func(id string) bool) ([]string, bool) {
	items, ok := b.List(name)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(items))
	seen := map[string]bool{}
	for _, item := range items {
		var text string
		if json.Unmarshal(item, &text) != nil {
			text = string(bytes.TrimSpace(item))
		}
		id, valid := mockapi.CanonicalUUID(text)
		switch {
		case !valid:
			b.Errs.Add(name, mockapi.MsgNotAUUID(text))
		case !exists(id):
			b.Errs.Add(name, mockapi.MsgDoesNotExist(text))
		case !seen[id]:
			seen[id] = true
			out = append(out, id)
		}
	}
	if b.Errs.Has(name) {
		return nil, false
	}
	return out, true
}
