package provider

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Group members are a list with set semantics. A set attribute would be the natural type, but the plugin
// framework and terraform-plugin-go compare and validate sets pair by pair, so a no-change plan of a group
// with 10,000 members spent minutes in those comparisons (BENCHMARKS.md). Lists compare element by element;
// the order of members never matters to the platforms, and the helpers below make sure it never shows as a
// diff: the plan keeps the state's order when only the order changed, and reads keep the state's order when
// the server reports the same members.

// memberCounts counts the known elements of a list; ok is false when the list or an element is unknown.
func memberCounts(l types.List) (counts map[string]int, ok bool) {
	if l.IsUnknown() {
		return nil, false
	}
	counts = make(map[string]int, len(l.Elements()))
	for _, e := range l.Elements() {
		s, isString := e.(types.String)
		if !isString || s.IsUnknown() {
			return nil, false
		}
		counts[s.ValueString()]++
	}
	return counts, true
}

// sameMembers reports whether two known, non-null lists hold the same members, in any order.
func sameMembers(a, b types.List) bool {
	if a.IsNull() || b.IsNull() || len(a.Elements()) != len(b.Elements()) {
		return false
	}
	ca, okA := memberCounts(a)
	cb, okB := memberCounts(b)
	if !okA || !okB {
		return false
	}
	for k, n := range ca {
		if cb[k] != n {
			return false
		}
	}
	return true
}

// membersInPriorOrder renders the members the server reported, keeping the prior value's order for those
// still present and appending new ones sorted, so drift shows as the members added or removed and a
// reordering by the server shows as nothing.
func membersInPriorOrder(prior types.List, reported []string, diags *diag.Diagnostics) types.List {
	remaining := make(map[string]int, len(reported))
	for _, m := range reported {
		remaining[m]++
	}
	ordered := make([]string, 0, len(reported))
	if !prior.IsNull() && !prior.IsUnknown() {
		for _, e := range prior.Elements() {
			s, ok := e.(types.String)
			if !ok || remaining[s.ValueString()] == 0 {
				continue
			}
			remaining[s.ValueString()]--
			ordered = append(ordered, s.ValueString())
		}
	}
	start := len(ordered)
	for _, m := range reported {
		if remaining[m] > 0 {
			remaining[m]--
			ordered = append(ordered, m)
		}
	}
	sort.Strings(ordered[start:])
	return stringList(ordered, diags)
}

// stringList renders strings as a list; a nil slice becomes an empty list.
func stringList(values []string, diags *diag.Diagnostics) types.List {
	l, d := types.ListValue(types.StringType, stringValues(values))
	diags.Append(d...)
	return l
}

// sortedStringList is stringList in sorted order, for computed lists with no prior order to keep.
func sortedStringList(values []string, diags *diag.Diagnostics) types.List {
	sorted := append([]string(nil), values...)
	sort.Strings(sorted)
	return stringList(sorted, diags)
}

// ignoreMemberOrder plans the prior members when the configuration lists the same members in another order.
// Terraform accepts a planned value equal to the prior one as the provider's way of saying "equivalent to
// the configuration".
type ignoreMemberOrder struct{}

func (ignoreMemberOrder) Description(context.Context) string {
	return "The order of members does not matter: a reordered list plans no change."
}

func (m ignoreMemberOrder) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (ignoreMemberOrder) PlanModifyList(_ context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.State.Raw.IsNull() || req.ConfigValue.IsNull() || req.StateValue.IsNull() {
		return
	}
	if sameMembers(req.ConfigValue, req.StateValue) {
		resp.PlanValue = req.StateValue
	}
}

// uniqueMembers rejects a member listed twice. listvalidator.UniqueValues compares every pair, which is
// quadratic in the size of the group; this counts instead.
type uniqueMembers struct{}

func (uniqueMembers) Description(context.Context) string { return "each member must be listed once" }

func (v uniqueMembers) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (uniqueMembers) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := make(map[string]bool, len(req.ConfigValue.Elements()))
	for i, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() || s.IsNull() {
			continue
		}
		if seen[s.ValueString()] {
			resp.Diagnostics.AddAttributeError(req.Path.AtListIndex(i), "Duplicate member",
				fmt.Sprintf("%q is listed more than once; each member must be listed once.", s.ValueString()))
			continue
		}
		seen[s.ValueString()] = true
	}
}
