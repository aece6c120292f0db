package secoda

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// byID finds the object of a path id; an id that is not a uuid is as unknown as a missing one (DRF's
// get_object_or_404 turns the lookup error into a 404).
func byID[T any](w http.ResponseWriter, rows *mockapi.Table[string, *T], id string) *T {
	if canonical, ok := mockapi.CanonicalUUID(id); ok {
		if v := rows.Get(canonical); v != nil {
			return v
		}
	}
	mockapi.WriteDetail(w, http.StatusNotFound, mockapi.MsgNotFound)
	return nil
}

// optStr reads an optional CharField that may be blank; nil when absent or invalid.
func optStr(b *mockapi.DRFBody, name string) *string {
	if v, ok := b.Str(name, mockapi.StrRule{AllowBlank: true}); ok {
		return &v
	}
	return nil
}
