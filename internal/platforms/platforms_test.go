package platforms

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestCapabilityCheck(t *testing.T) {
	secoda, _ := Lookup("secoda")
	err := secoda.Capabilities.Check(platform.Feature{Kind: platform.KindAPIKey, Field: platform.FieldName})
	var unsupported *platform.UnsupportedError
	if !errors.As(err, &unsupported) || !unsupported.Feature.Field.IsZero() {
		t.Fatalf("an unsupported type must be reported for every attribute, as the whole type: %v", err)
	}
	if !strings.Contains(err.Error(), "Secoda") || !strings.Contains(err.Error(), "Settings -> API") {
		t.Errorf("message must name the platform and the way out: %q", err)
	}
	authentik, _ := Lookup("authentik")
	if err := authentik.Capabilities.Check(platform.Feature{Kind: platform.KindUserGroup, Field: platform.FieldDescription}); err == nil {
		t.Error("authentik groups have no description")
	}
	if err := authentik.Capabilities.Check(platform.Feature{Kind: platform.KindUserGroup, Field: platform.FieldMembers}); err != nil {
		t.Errorf("members are supported on authentik: %v", err)
	}
}

// TestEveryDescriptorIsComplete checks what generic code relies on: a registered, unique name, a display name,
// a capability row of its own, and a constructor.
func TestEveryDescriptorIsComplete(t *testing.T) {
	seen := map[platform.Name]bool{}
	for _, d := range All {
		if seen[d.Name] {
			t.Errorf("%s is listed twice", d.Name)
		}
		seen[d.Name] = true
		if d.DisplayName == "" || d.Name.DisplayName() != d.DisplayName {
			t.Errorf("%s: display name %q, Name.DisplayName() %q", d.Name, d.DisplayName, d.Name.DisplayName())
		}
		if d.Capabilities.Platform != d.Name || !d.Capabilities.Available {
			t.Errorf("%s: capability row marked %q, available %v", d.Name, d.Capabilities.Platform, d.Capabilities.Available)
		}
		if d.New == nil {
			t.Errorf("%s has no constructor", d.Name)
		}
	}
}

// TestClientsHaveExactlyTheirPartsOfBackend holds each client to its capability row: it implements the part
// of platform.Backend (and the plan-time validator) of every type the row does not mark unsupported, and
// none of a type the row marks unsupported, so a missing part always has the row's reason.
func TestClientsHaveExactlyTheirPartsOfBackend(t *testing.T) {
	for _, d := range All {
		b, err := d.New(platform.Settings{Endpoint: "https://example.com", Token: "token"})
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		for kind, has := range map[platform.Kind][2]bool{
			platform.KindUserGroup: {is[platform.GroupBackend](b), is[platform.GroupValidator](b)},
			platform.KindUser:      {is[platform.UserBackend](b), is[platform.UserValidator](b)},
			platform.KindAPIKey:    {is[platform.APIKeyBackend](b), is[platform.APIKeyValidator](b)},
		} {
			supported := d.Capabilities.Check(platform.Feature{Kind: kind}) == nil
			if has[0] != supported {
				t.Errorf("%s: implements the %s part: %v; the capability row supports it: %v", d.Name, kind, has[0], supported)
			}
			if has[1] && !supported {
				t.Errorf("%s validates %s, a type the capability row says it lacks", d.Name, kind)
			}
		}
	}
}

func is[T any](b platform.Backend) bool {
	_, ok := b.(T)
	return ok
}

// TestCapabilityRowsNameFieldsOfTheirKind: every field a capability row names is declared for the type the row
// puts it on, and a platform's own field sits only in that platform's row. A row that names a field on the
// wrong type would never match a check, and the attribute it meant would pass the plan unchecked.
func TestCapabilityRowsNameFieldsOfTheirKind(t *testing.T) {
	kindsOf := map[platform.Field][]platform.Kind{}
	for _, d := range platform.DeclaredFields() {
		kindsOf[d.Field] = append(kindsOf[d.Field], d.Kinds...)
	}
	for _, d := range All {
		check := func(where string, kind platform.Kind, f platform.Field) {
			if f.IsZero() {
				return
			}
			if !slices.Contains(kindsOf[f], kind) {
				t.Errorf("%s: %s names %s on %s, which is declared for %v", d.Name, where, f, kind, kindsOf[f])
			}
			if p := f.Platform(); p != "" && p != d.Name {
				t.Errorf("%s: %s names %s, a field of %s", d.Name, where, f, p)
			}
		}
		c := d.Capabilities
		for _, rows := range []struct {
			where string
			rows  map[platform.Feature]string
		}{{"Unsupported", c.Unsupported}, {"ReadOnly", c.ReadOnly}, {"CreateOnly", c.CreateOnly}} {
			for f := range rows.rows {
				check(rows.where, f.Kind, f.Field)
			}
		}
		for kind, fields := range c.ReplaceOnChange {
			for _, f := range fields {
				check("ReplaceOnChange", kind, f)
			}
		}
	}
}
