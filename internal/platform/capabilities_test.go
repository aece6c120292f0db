package platform

import (
	"strings"
	"testing"
)

func TestErrorsNameMethodPathStatusAndMessage(t *testing.T) {
	err := &APIError{Method: "PATCH", Path: "/api/v3/core/groups/x/", Status: 400, Message: "name: taken"}
	want := "PATCH /api/v3/core/groups/x/: 400 Bad Request: name: taken"
	if err.Error() != want {
		t.Errorf("got %q, want %q", err.Error(), want)
	}
	nf := &NotFoundError{Kind: "user", ID: "7"}
	if !IsNotFound(nf) || IsNotFound(err) {
		t.Error("IsNotFound misclassifies")
	}
	if (&InvalidError{}).Error() == "" || (&ConflictError{}).Error() == "" {
		t.Error("errors built without an APIError must still print")
	}
}

func TestCheckSettableRejectsReadOnly(t *testing.T) {
	c := Capabilities{Platform: "tyk_ai_studio", ReadOnly: map[Feature]string{{KindUser, FieldRole}: "derived from is_admin"}}
	f := Feature{Kind: KindUser, Field: FieldRole}
	if err := c.Check(f); err != nil {
		t.Errorf("a read-only attribute is readable: %v", err)
	}
	if err := c.CheckSettable(f); err == nil || !strings.Contains(err.Error(), "derived from is_admin") {
		t.Errorf("a read-only attribute cannot be set: %v", err)
	}
}
