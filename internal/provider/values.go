package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// objectAsOptions lets a partly unknown planned object convert; unknown inner values read as zero values and
// are treated as "not managed".
var objectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

func optionalBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}

func derefBool(b *bool) bool { return b != nil && *b }

func optionalString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

// stringCollection is a set or a list of strings.
type stringCollection interface {
	IsNull() bool
	IsUnknown() bool
	Elements() []attr.Value
}

// optionalStrings returns nil for a null or unknown set or list (not managed) and a non-nil slice otherwise.
// At plan time an element may still be unknown (the id of a user created in the same apply); it reads as "",
// which platform validators skip.
func optionalStrings(c stringCollection) []string {
	if c.IsNull() || c.IsUnknown() {
		return nil
	}
	out := make([]string, 0, len(c.Elements()))
	for _, e := range c.Elements() {
		if s, ok := e.(types.String); ok {
			out = append(out, s.ValueString())
		}
	}
	return out
}

// stringSet renders ids as a set; a nil slice becomes an empty set.
// emptyStringSet is the cleared value of a set of ids.
var emptyStringSet = types.SetValueMust(types.StringType, []attr.Value{})

func stringSet(_ context.Context, values []string, diags *diag.Diagnostics) types.Set {
	set, d := types.SetValue(types.StringType, stringValues(values))
	diags.Append(d...)
	return set
}

func stringValues(values []string) []attr.Value {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return elems
}

var positiveIntPattern = regexp.MustCompile(`^[1-9][0-9]*$`)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func uuidValidator() validator.String {
	return stringvalidator.RegexMatches(uuidPattern, "must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6")
}

// stringSetMapType is a map of sets of strings (a name to the names it holds).
var stringSetMapType = types.MapType{ElemType: types.SetType{ElemType: types.StringType}}

// emptyStringSetMap is the cleared value of a map of sets.
var emptyStringSetMap = types.MapValueMust(stringSetMapType.ElemType, map[string]attr.Value{})

// optionalStringSetMap is a map of sets of strings, nil when null or unknown (unmanaged).
func optionalStringSetMap(m types.Map) map[string][]string {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	out := make(map[string][]string, len(m.Elements()))
	for k, v := range m.Elements() {
		if set, ok := v.(types.Set); ok {
			out[k] = optionalStrings(set)
		}
	}
	return out
}

// stringSetMap renders a map of sets; nil becomes null.
func stringSetMap(values map[string][]string, diags *diag.Diagnostics) types.Map {
	if values == nil {
		return types.MapNull(stringSetMapType.ElemType)
	}
	elems := make(map[string]attr.Value, len(values))
	for k, v := range values {
		set, d := types.SetValue(types.StringType, stringValues(v))
		diags.Append(d...)
		elems[k] = set
	}
	m, d := types.MapValue(stringSetMapType.ElemType, elems)
	diags.Append(d...)
	return m
}
