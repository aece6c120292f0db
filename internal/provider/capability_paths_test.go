package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	ephemeralschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

// Every attribute the capability table names must exist in the schema of its resource type: a misspelt one
// would silently switch its plan-time check (or replacement) off.
func TestCapabilityTableNamesSchemaAttributes(t *testing.T) {
	schemas := map[platform.Kind]schema.Schema{
		platform.KindUserGroup: resourceSchema(t, newUserGroupResource),
		platform.KindUser:      resourceSchema(t, newUserResource),
		platform.KindAPIKey:    resourceSchema(t, newAPIKeyResource),
	}
	for _, d := range platforms.All {
		name, caps := d.Name, d.Capabilities
		var named []platform.Feature
		for _, table := range []map[platform.Feature]string{caps.Unsupported, caps.ReadOnly, caps.CreateOnly} {
			for f := range table {
				named = append(named, f)
			}
		}
		for kind, attrs := range caps.ReplaceOnChange {
			for _, a := range attrs {
				named = append(named, platform.Feature{Kind: kind, Attribute: a})
			}
		}
		for _, f := range named {
			var has bool
			switch s, ok := schemas[f.Kind]; {
			case f.Kind == platform.KindEphemeralAPIKey:
				has = f.Attribute == "" || hasEphemeralAttributePath(ephemeralSchema(t).Attributes, f.Attribute)
			case !ok:
				t.Errorf("%s: the capability table names kind %q, which has no resource", name, f.Kind)
				continue
			default:
				has = f.Attribute == "" || hasAttributePath(s.Attributes, f.Attribute)
			}
			if !has {
				t.Errorf("%s: the capability table names %s.%s, which the %s schema does not have", name, f.Kind, f.Attribute, f.Kind)
			}
		}
	}
}

func resourceSchema(t *testing.T, newResource func() resource.Resource) schema.Schema {
	t.Helper()
	var resp resource.SchemaResponse
	newResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp.Schema
}

// hasAttributePath resolves a dotted path ("onyx.cc_pair_ids") through single nested attributes.
func hasAttributePath(attrs map[string]schema.Attribute, path string) bool {
	return hasPath(attrs, path, func(a schema.Attribute) (map[string]schema.Attribute, bool) {
		obj, ok := a.(schema.SingleNestedAttribute)
		return obj.Attributes, ok
	})
}

func hasEphemeralAttributePath(attrs map[string]ephemeralschema.Attribute, path string) bool {
	return hasPath(attrs, path, func(a ephemeralschema.Attribute) (map[string]ephemeralschema.Attribute, bool) {
		obj, ok := a.(ephemeralschema.SingleNestedAttribute)
		return obj.Attributes, ok
	})
}

func hasPath[A any](attrs map[string]A, path string, nested func(A) (map[string]A, bool)) bool {
	head, rest, dotted := strings.Cut(path, ".")
	a, ok := attrs[head]
	if !ok || !dotted {
		return ok
	}
	inner, isObject := nested(a)
	return isObject && hasPath(inner, rest, nested)
}

func ephemeralSchema(t *testing.T) ephemeralschema.Schema {
	t.Helper()
	var resp ephemeral.SchemaResponse
	newEphemeralAPIKey().Schema(context.Background(), ephemeral.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp.Schema
}
