package authentik

import "testing"

func TestIdentifiers(t *testing.T) {
	if got, ok := canonicalUUID("{3F6B7C1E2A4D4E8F9B0A1C2D3E4F5A61}"); !ok || got != SeedRoleEditorUUID {
		t.Errorf("canonicalUUID of a braced upper-case hex uuid = %q, %v", got, ok)
	}
	if _, ok := canonicalUUID("3f6b7c1e-2a4d-4e8f-9b0a-1c2d3e4f5a6"); ok {
		t.Error("a 31-digit uuid was accepted")
	}
	if got := numPK("00000000-0000-0000-0000-000000003039"); got != 12345 {
		t.Errorf("numPK of 12345 = %d", got)
	}
	if got := numPK("00000000-0000-0000-0000-00000000002a"); got != 42 {
		t.Errorf("numPK of 42 = %d (fewer than five digits stay whole)", got)
	}
	if a, b := newTokenKey(), newTokenKey(); a == b || len(a) != 60 {
		t.Error("token keys must be 60 random characters")
	}
}
