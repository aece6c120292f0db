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

// emailType is a string compared case-insensitively. Platforms fold or keep email case as they like; with
// semantic equality the framework keeps what the user wrote, so `Ada@Example.com` never shows a diff against
// a stored `ada@example.com`.
type emailType struct {
	basetypes.StringType
}

var _ basetypes.StringTypable = emailType{}

func (t emailType) Equal(o attr.Type) bool {
	_, ok := o.(emailType)
	return ok
}

func (t emailType) String() string { return "emailType" }

func (t emailType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return emailValue{StringValue: in}, nil
}

func (t emailType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return emailValue{StringValue: s}, nil
}

func (t emailType) ValueType(context.Context) attr.Value { return emailValue{} }

// emailValue is a value of emailType.
type emailValue struct {
	basetypes.StringValue
}

var _ basetypes.StringValuableWithSemanticEquals = emailValue{}

func (v emailValue) Equal(o attr.Value) bool {
	other, ok := o.(emailValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

func (v emailValue) Type(context.Context) attr.Type { return emailType{} }

func (v emailValue) StringSemanticEquals(_ context.Context, newValue basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValue.(emailValue)
	if !ok {
		return false, nil
	}
	return strings.EqualFold(v.ValueString(), other.ValueString()), nil
}

func newEmailValue(s string) emailValue { return emailValue{StringValue: basetypes.NewStringValue(s)} }
