package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestSameMembers(t *testing.T) {
	var diags diag.Diagnostics
	list := func(v ...string) types.List { return stringList(v, &diags) }
	unknownElem, _ := types.ListValue(types.StringType, []attr.Value{types.StringValue("a"), types.StringUnknown()})
	cases := []struct {
		name string
		a, b types.List
		want bool
	}{
		{"same order", list("a", "b"), list("a", "b"), true},
		{"other order", list("a", "b", "c"), list("c", "a", "b"), true},
		{"both empty", list(), list(), true},
		{"one more", list("a", "b"), list("a", "b", "c"), false},
		{"one different", list("a", "b"), list("a", "c"), false},
		{"same length, repeated element", list("a", "a", "b"), list("a", "b", "b"), false},
		{"null", types.ListNull(types.StringType), list(), false},
		{"unknown", types.ListUnknown(types.StringType), list("a"), false},
		{"unknown element", unknownElem, list("a", "b"), false},
	}
	for _, c := range cases {
		if got := sameMembers(c.a, c.b); got != c.want {
			t.Errorf("%s: sameMembers = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMembersInPriorOrder(t *testing.T) {
	var diags diag.Diagnostics
	prior := stringList([]string{"c", "a", "b"}, &diags)
	cases := []struct {
		name     string
		prior    types.List
		reported []string
		want     []string
	}{
		{"server reorders", prior, []string{"a", "b", "c"}, []string{"c", "a", "b"}},
		{"member removed outside terraform", prior, []string{"b", "c"}, []string{"c", "b"}},
		{"members added outside terraform come last, sorted", prior, []string{"z", "a", "y", "b", "c"}, []string{"c", "a", "b", "y", "z"}},
		{"no prior order (import)", types.ListNull(types.StringType), []string{"b", "a"}, []string{"a", "b"}},
		{"server reports none", prior, nil, []string{}},
	}
	for _, c := range cases {
		got := membersInPriorOrder(c.prior, c.reported, &diags)
		if want := stringList(c.want, &diags); !got.Equal(want) {
			t.Errorf("%s: got %v, want %v", c.name, got, want)
		}
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}

func TestIgnoreMemberOrder(t *testing.T) {
	var diags diag.Diagnostics
	state := stringList([]string{"a", "b"}, &diags)
	cases := []struct {
		name          string
		config, state types.List
		want          types.List
	}{
		{"reordered: the prior value is planned", stringList([]string{"b", "a"}, &diags), state, state},
		{"changed: the configuration is planned", stringList([]string{"b", "c"}, &diags), state, stringList([]string{"b", "c"}, &diags)},
		{"create: the configuration is planned", stringList([]string{"b", "a"}, &diags), types.ListNull(types.StringType), stringList([]string{"b", "a"}, &diags)},
	}
	for _, c := range cases {
		stateRaw := tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})
		if c.state.IsNull() {
			stateRaw = tftypes.NewValue(tftypes.Object{}, nil)
		}
		req := planmodifier.ListRequest{
			Path: path.Root("members"), ConfigValue: c.config, StateValue: c.state, PlanValue: c.config,
			State: tfsdk.State{Raw: stateRaw},
		}
		resp := &planmodifier.ListResponse{PlanValue: req.PlanValue}
		ignoreMemberOrder{}.PlanModifyList(context.Background(), req, resp)
		if !resp.PlanValue.Equal(c.want) {
			t.Errorf("%s: planned %v, want %v", c.name, resp.PlanValue, c.want)
		}
	}
}

func TestUniqueMembers(t *testing.T) {
	var diags diag.Diagnostics
	req := validator.ListRequest{Path: path.Root("members"), ConfigValue: stringList([]string{"a", "b", "a", "c", "b"}, &diags)}
	resp := &validator.ListResponse{}
	uniqueMembers{}.ValidateList(context.Background(), req, resp)
	if resp.Diagnostics.ErrorsCount() != 2 {
		t.Fatalf("want an error for each repeated member, got %v", resp.Diagnostics)
	}
	for i, wantPath := range []path.Path{path.Root("members").AtListIndex(2), path.Root("members").AtListIndex(4)} {
		d, ok := resp.Diagnostics[i].(diag.DiagnosticWithPath)
		if !ok || !d.Path().Equal(wantPath) {
			t.Errorf("error %d: want path %s, got %v", i, wantPath, resp.Diagnostics[i])
		}
	}
	resp = &validator.ListResponse{}
	uniqueMembers{}.ValidateList(context.Background(), validator.ListRequest{Path: path.Root("members"), ConfigValue: stringList([]string{"a", "b"}, &diags)}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("distinct members were refused: %v", resp.Diagnostics)
	}
}

// BenchmarkMemberDiff is the member comparison the provider makes on every plan and read of a group: the
// same members in reverse order compared (the plan modifier), then rendered in the prior order (the read).
// The sizes double, so linear growth shows as a ratio of about 2 between successive sizes.
func BenchmarkMemberDiff(b *testing.B) {
	for _, n := range []int{2500, 5000, 10000} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			ids := make([]string, n)
			reversed := make([]string, n)
			for i := range ids {
				ids[i] = fmt.Sprintf("%08d-0000-4000-8000-000000000000", i)
				reversed[n-1-i] = ids[i]
			}
			var diags diag.Diagnostics
			prior, config := stringList(ids, &diags), stringList(reversed, &diags)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if !sameMembers(prior, config) {
					b.Fatal("the same members compare as different")
				}
				if got := membersInPriorOrder(prior, reversed, &diags); !got.Equal(prior) {
					b.Fatal("the prior order was not kept")
				}
			}
		})
	}
}
