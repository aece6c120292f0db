package provider

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/rosterhq/terraform-provider-roster/internal/platform/authentik"
)

// privateMap stands in for the framework's private state.
type privateMap map[string][]byte

func (p privateMap) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}
func (p privateMap) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(p, key)
	} else {
		p[key] = value
	}
	return nil
}

func TestManagedRecordRoundTrip(t *testing.T) {
	ctx := context.Background()
	p := privateMap{}
	if got := managedFrom(ctx, p); len(got) != 0 {
		t.Fatalf("no record (import, older state) reads as %v, want nothing managed", got)
	}
	recordManaged(ctx, p, []string{"description", "authentik.parents"}) // in map order: written sorted
	if string(p[privateManaged]) != `["authentik.parents","description"]` {
		t.Errorf("record = %s", p[privateManaged])
	}
	if got, want := managedFrom(ctx, p), (managedAttrs{"authentik.parents": true, "description": true}); !reflect.DeepEqual(got, want) {
		t.Errorf("read back %v, want %v", got, want)
	}
	recordManaged(ctx, p, nil)
	if _, ok := p[privateManaged]; ok {
		t.Errorf("an empty record is kept: %s", p[privateManaged])
	}
	p[privateManaged] = []byte(`{"not":"a list"}`)
	if got := managedFrom(ctx, p); len(got) != 0 {
		t.Errorf("an unreadable record reads as %v", got)
	}
}

// authentikConfig is a raw configuration holding only what removedFromConfig walks.
func authentikConfig(parents tftypes.Value, nested bool) tftypes.Value {
	setType := tftypes.Set{ElementType: tftypes.String}
	inner := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"parents": setType}}
	outer := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"description": tftypes.String, "authentik": inner}}
	obj := tftypes.NewValue(inner, nil)
	if nested {
		obj = tftypes.NewValue(inner, map[string]tftypes.Value{"parents": parents})
	}
	return tftypes.NewValue(outer, map[string]tftypes.Value{"description": tftypes.NewValue(tftypes.String, "x"), "authentik": obj})
}

func TestRemovedFromConfig(t *testing.T) {
	setType := tftypes.Set{ElementType: tftypes.String}
	parents := tftypes.NewValue(setType, []tftypes.Value{tftypes.NewValue(tftypes.String, "p")})
	managed := managedAttrs{"description": true, "authentik.parents": true}
	for name, tc := range map[string]struct {
		config tftypes.Value
		want   bool
	}{
		"both still set":            {authentikConfig(parents, true), false},
		"nested attribute null":     {authentikConfig(tftypes.NewValue(setType, nil), true), true},
		"whole nested object null":  {authentikConfig(parents, false), true},
		"unknown counts as present": {authentikConfig(tftypes.NewValue(setType, tftypes.UnknownValue), true), false},
	} {
		if got := managed.removedFromConfig(tc.config); got != tc.want {
			t.Errorf("%s: removedFromConfig = %v, want %v", name, got, tc.want)
		}
	}
	if (managedAttrs{}).removedFromConfig(authentikConfig(parents, false)) {
		t.Error("nothing recorded, yet something reads as removed")
	}
}

func TestClearRemoved(t *testing.T) {
	ctx := context.Background()
	d := &providerData{platform: authentik.Name}
	attrs := []platformAttr{authentikGroupAttr}
	object := func(values map[string]attr.Value) types.Object {
		full := map[string]attr.Value{
			"is_superuser": types.BoolNull(), "parents": types.SetNull(types.StringType),
			"roles": types.SetNull(types.StringType), "attributes": jsontypes.NewNormalizedNull(),
		}
		for k, v := range values {
			full[k] = v
		}
		return types.ObjectValueMust(authentikGroupTypes, full)
	}
	parents := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("p")})
	state := object(map[string]attr.Value{"is_superuser": types.BoolValue(true), "parents": parents, "roles": parents,
		"attributes": jsontypes.NewNormalizedValue(`{"a":1}`)})

	t.Run("configured attributes are recorded", func(t *testing.T) {
		config := platformObjects{authentik.Name: object(map[string]attr.Value{"parents": parents, "is_superuser": types.BoolValue(false)})}
		got := configuredClearables(d, attrs, config)
		slices.Sort(got)
		if want := []string{"authentik.is_superuser", "authentik.parents"}; !slices.Equal(got, want) {
			t.Errorf("configuredClearables = %v, want %v", got, want)
		}
		if got := configuredClearables(&providerData{platform: "onyx"}, attrs, config); len(got) != 0 {
			t.Errorf("another platform's attribute recorded: %v", got)
		}
	})

	t.Run("only recorded attributes dropped from the config are cleared", func(t *testing.T) {
		var diags diag.Diagnostics
		managed := managedAttrs{"authentik.parents": true, "authentik.is_superuser": true}
		config := platformObjects{authentik.Name: object(map[string]attr.Value{"is_superuser": types.BoolValue(true)})}
		plan := platformObjects{authentik.Name: state}
		if !clearRemoved(ctx, d, attrs, managed, config, plan, &diags) || diags.HasError() {
			t.Fatalf("nothing cleared (%v)", diags)
		}
		got := plan[authentik.Name].Attributes()
		if !got["parents"].Equal(emptyStringSet) {
			t.Errorf("parents = %v, want cleared", got["parents"])
		}
		if !got["is_superuser"].Equal(types.BoolValue(true)) {
			t.Errorf("is_superuser, still configured, = %v", got["is_superuser"])
		}
		if !got["roles"].Equal(parents) || !got["attributes"].Equal(state.Attributes()["attributes"]) {
			t.Errorf("unrecorded attributes changed: %v", got)
		}
		if clearRemoved(ctx, d, attrs, managed, config, plan, &diags) {
			t.Error("clearing an already cleared plan reports a change")
		}
	})

	t.Run("a nested object dropped whole is cleared in a null config", func(t *testing.T) {
		var diags diag.Diagnostics
		config := platformObjects{authentik.Name: types.ObjectNull(authentikGroupTypes)}
		if !clearRemoved(ctx, d, attrs, managedAttrs{"authentik.attributes": true}, config, config, &diags) || diags.HasError() {
			t.Fatalf("nothing cleared (%v)", diags)
		}
		got := config[authentik.Name].Attributes()
		if !got["attributes"].Equal(jsontypes.NewNormalizedValue("{}")) || !got["parents"].IsNull() {
			t.Errorf("config after clearing = %v, want only attributes set, to {}", got)
		}
	})
}

// TestClearedValuesFitTheirAttributes: a cleared value names an optional+computed attribute of its nested
// object and has that attribute's type (a mismatch would only show as a failed plan), and the docs list it.
func TestClearedValuesFitTheirAttributes(t *testing.T) {
	ctx := context.Background()
	docs := removalMarkdown()
	for name, set := range platformAttrSets {
		for _, a := range []*platformAttr{set.group, set.user, set.apiKey} {
			if a == nil {
				continue
			}
			for attrName, cleared := range a.cleared {
				schemaAttr, ok := a.attributes[attrName]
				if !ok {
					t.Errorf("%s: cleared %q is not one of its attributes", name, attrName)
					continue
				}
				if !schemaAttr.IsOptional() || !schemaAttr.IsComputed() {
					t.Errorf("%s.%s: cleared but not optional+computed", name, attrName)
				}
				if want := a.attrTypes[attrName]; want == nil || !cleared.Type(ctx).Equal(want) {
					t.Errorf("%s.%s: cleared value of type %v, attribute of type %v", name, attrName, cleared.Type(ctx), want)
				}
				if !strings.Contains(clearedCell(docs, string(name)), "."+string(name)+"."+attrName+"`") {
					t.Errorf("%s.%s: not in the docs' \"cleared when removed\" column", name, attrName)
				}
			}
		}
	}
}

// clearedCell is the "cleared when removed" cell of a platform's row in the docs' removal table.
func clearedCell(docs, platformName string) string {
	for _, line := range strings.Split(docs, "\n") {
		if cells := strings.Split(line, " | "); strings.HasPrefix(line, "| `"+platformName+"` |") && len(cells) == 3 {
			return cells[1]
		}
	}
	return ""
}
