package platform

import (
	"errors"
	"strings"
	"testing"
)

func TestCapabilityCheck(t *testing.T) {
	secoda := CapabilitiesOf(Secoda)
	err := secoda.Check(Feature{Kind: KindAPIKey, Attribute: "name"})
	var unsupported *UnsupportedError
	if !errors.As(err, &unsupported) || unsupported.Feature.Attribute != "" {
		t.Fatalf("an unsupported type must be reported for every attribute, as the whole type: %v", err)
	}
	if !strings.Contains(err.Error(), "Secoda") || !strings.Contains(err.Error(), "Settings -> API") {
		t.Errorf("message must name the platform and the way out: %q", err)
	}
	authentik := CapabilitiesOf(Authentik)
	if err := authentik.Check(Feature{Kind: KindUserGroup, Attribute: "description"}); err == nil {
		t.Error("authentik groups have no description")
	}
	if err := authentik.Check(Feature{Kind: KindUserGroup, Attribute: "members"}); err != nil {
		t.Errorf("members are supported on authentik: %v", err)
	}
}

func TestEveryPlatformHasARow(t *testing.T) {
	for _, n := range AllNames {
		if _, ok := capabilityTable[n]; !ok {
			t.Errorf("%s has no row in the capability table", n)
		}
	}
}

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
	c := Capabilities{Platform: TykAIStudio, ReadOnly: map[Feature]string{{KindUser, "role"}: "derived from is_admin"}}
	f := Feature{Kind: KindUser, Attribute: "role"}
	if err := c.Check(f); err != nil {
		t.Errorf("a read-only attribute is readable: %v", err)
	}
	if err := c.CheckSettable(f); err == nil || !strings.Contains(err.Error(), "derived from is_admin") {
		t.Errorf("a read-only attribute cannot be set: %v", err)
	}
}
