package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A roster_user read through objectSplit and written back is the value it was read from: the common
// attributes travel through the struct, each platform's nested attribute through Platforms.
func TestObjectSplitRoundTrip(t *testing.T) {
	ctx := context.Background()
	split := userSplit()
	full, ok := split.fullType.(tftypes.Object)
	if !ok {
		t.Fatalf("roster_user's type is %T", split.fullType)
	}
	vals := map[string]tftypes.Value{}
	for name, typ := range full.AttributeTypes {
		vals[name] = tftypes.NewValue(typ, nil)
	}
	vals["id"] = tftypes.NewValue(tftypes.String, "7")
	vals["email"] = tftypes.NewValue(tftypes.String, "ada@example.com")
	authentikType, ok := full.AttributeTypes["authentik"].(tftypes.Object)
	if !ok {
		t.Fatal("roster_user has no authentik object")
	}
	inner := map[string]tftypes.Value{}
	for name, typ := range authentikType.AttributeTypes {
		inner[name] = tftypes.NewValue(typ, nil)
	}
	inner["username"] = tftypes.NewValue(tftypes.String, "ada")
	vals["authentik"] = tftypes.NewValue(authentikType, inner)
	raw := tftypes.NewValue(full, vals)

	var m userModel
	if d := split.get(ctx, raw, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.ID.ValueString() != "7" || m.Email.ValueString() != "ada@example.com" {
		t.Errorf("common attributes: id %s, email %s", m.ID, m.Email)
	}
	if got := m.Platforms["authentik"].Attributes()["username"]; got == nil || got.String() != `"ada"` {
		t.Errorf("authentik.username = %v, want \"ada\"", got)
	}
	if !m.Platforms["onyx"].IsNull() {
		t.Errorf("onyx = %v, want null", m.Platforms["onyx"])
	}
	var back tftypes.Value
	if d := split.set(ctx, &back, &m); d.HasError() {
		t.Fatal(d)
	}
	if !back.Equal(raw) {
		t.Errorf("written back:\n%s\nwant\n%s", back, raw)
	}
}
