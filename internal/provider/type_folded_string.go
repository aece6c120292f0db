package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// foldedStringType is a string compared case-insensitively, for emails and role names. Platforms fold or keep
// case as they like; with semantic equality the framework keeps what the user wrote, so `Ada@Example.com` or
// `Admin` never shows a diff against a stored `ada@example.com` or `admin`.
type foldedStringType struct {
	basetypes.StringType
}

var _ basetypes.StringTypable = foldedStringType{}

func (t foldedStringType) Equal(o attr.Type) bool {
	_, ok := o.(foldedStringType)
	return ok
}

func (t foldedStringType) String() string { return "foldedStringType" }

func (t foldedStringType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return foldedString{StringValue: in}, nil
}

func (t foldedStringType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return foldedString{StringValue: s}, nil
}

func (t foldedStringType) ValueType(context.Context) attr.Value { return foldedString{} }

// foldedString is a value of foldedStringType.
type foldedString struct {
	basetypes.StringValue
}

var _ basetypes.StringValuableWithSemanticEquals = foldedString{}

func (v foldedString) Equal(o attr.Value) bool {
	other, ok := o.(foldedString)
	return ok && v.StringValue.Equal(other.StringValue)
}

func (v foldedString) Type(context.Context) attr.Type { return foldedStringType{} }

func (v foldedString) StringSemanticEquals(_ context.Context, newValue basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValue.(foldedString)
	if !ok {
		return false, nil
	}
	return strings.EqualFold(v.ValueString(), other.ValueString()), nil
}

func newFoldedString(s string) foldedString {
	return foldedString{StringValue: basetypes.NewStringValue(s)}
}
