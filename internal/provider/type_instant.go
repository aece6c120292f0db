package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// instantType is an RFC 3339 timestamp compared by the instant it names. It reuses timetypes.RFC3339's
// parsing and validation, but not its semantic equality, which compares the spelling in each value's own
// offset: "2030-12-06T10:17:43+02:00" against the server's "2030-12-06T08:17:43Z" was a change, so the apply
// failed as inconsistent and the key was replaced on every run. With instant equality the framework keeps
// the user's spelling whenever the server reports the same instant.
//
// The comparison is to the second: platforms keep different fractions (Unleash milliseconds, authentik
// microseconds) and state records whole seconds, so a fraction the server cut off is no change either.
type instantType struct {
	timetypes.RFC3339Type
}

var _ basetypes.StringTypable = instantType{}

func (t instantType) Equal(o attr.Type) bool {
	_, ok := o.(instantType)
	return ok
}

func (t instantType) String() string { return "instantType" }

func (t instantType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return instant{RFC3339: timetypes.RFC3339{StringValue: in}}, nil
}

func (t instantType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return instant{RFC3339: timetypes.RFC3339{StringValue: s}}, nil
}

func (t instantType) ValueType(context.Context) attr.Value { return instant{} }

// instant is a value of instantType.
type instant struct {
	timetypes.RFC3339
}

var _ basetypes.StringValuableWithSemanticEquals = instant{}

func (v instant) Equal(o attr.Value) bool {
	other, ok := o.(instant)
	return ok && v.StringValue.Equal(other.StringValue)
}

func (v instant) Type(context.Context) attr.Type { return instantType{} }

func (v instant) StringSemanticEquals(_ context.Context, newValue basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValue.(instant)
	if !ok {
		return false, nil
	}
	return v.sameInstant(other), nil
}

// sameInstant reports whether both values are known timestamps naming the same second.
func (v instant) sameInstant(o instant) bool {
	a, errA := time.Parse(time.RFC3339, v.ValueString())
	b, errB := time.Parse(time.RFC3339, o.ValueString())
	return errA == nil && errB == nil && a.Truncate(time.Second).Equal(b.Truncate(time.Second))
}

func newInstantNull() instant { return instant{RFC3339: timetypes.NewRFC3339Null()} }

// newInstantValue spells t in UTC, to the second.
func newInstantValue(t time.Time) instant {
	return instant{RFC3339: timetypes.NewRFC3339TimeValue(t.UTC().Truncate(time.Second))}
}
