package provider_test

// Benchmarks of the provider's side of a no-change plan of one large group, driven through the same gRPC
// server code terraform talks to (providerserver, protocol 6) against an in-process authentik mock, and of
// the member set comparison the framework makes. make bench runs them; `go test -bench NoChangePlan
// -cpuprofile cpu.out ./internal/provider` profiles them.

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	authentikmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/provider"
)

// Group sizes double from one to the next, so the ratio of successive times shows the growth: about 2 when
// linear, about 4 when quadratic. The plan sizes stay small enough to finish while the framework's set
// handling is quadratic (at 1,000 members a no-change plan took seconds when this was written).
var (
	planMemberCounts = []int{250, 500, 1000}
	setMemberCounts  = []int{1000, 2000, 4000}
)

// BenchmarkNoChangePlanGroup is what a `terraform plan` of one group costs the provider: ReadResource (one
// API request, decode, state) then PlanResourceChange of the unchanged configuration.
func BenchmarkNoChangePlanGroup(b *testing.B) {
	for _, n := range planMemberCounts {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			f := planFixtureFor(b, n)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f.noChangePlan(ctx, b)
			}
		})
	}
}

// BenchmarkMemberSetEqual compares two equal member sets listed in different orders, as the framework does
// when it checks a planned or refreshed set against the prior one (basetypes.SetValue.Equal).
func BenchmarkMemberSetEqual(b *testing.B) {
	for _, n := range setMemberCounts {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			a, c := make([]attr.Value, n), make([]attr.Value, n)
			for i := range a {
				a[i] = types.StringValue(fmt.Sprintf("%08d-0000-4000-8000-000000000000", i))
				c[n-1-i] = a[i]
			}
			x, y := types.SetValueMust(types.StringType, a), types.SetValueMust(types.StringType, c)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if !x.Equal(y) {
					b.Fatal("sets differ")
				}
			}
		})
	}
}

// BenchmarkMemberSetValidate is the framework's type validation of a member set (basetypes.SetType.Validate,
// which looks for duplicate elements), run whenever state or plan is converted from a Go struct.
func BenchmarkMemberSetValidate(b *testing.B) {
	for _, n := range setMemberCounts {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			elems := make([]tftypes.Value, n)
			for i := range elems {
				elems[i] = tftypes.NewValue(tftypes.String, fmt.Sprintf("%08d-0000-4000-8000-000000000000", i))
			}
			val := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
			typ := types.SetType{ElemType: types.StringType}
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if diags := typ.Validate(ctx, val, path.Root("members")); diags.HasError() {
					b.Fatal(diags)
				}
			}
		})
	}
}

var (
	fixturesMu sync.Mutex
	fixtures   = map[int]*planFixture{}
)

// planFixtureFor builds a fixture once per size; -count reruns reuse it.
func planFixtureFor(b *testing.B, members int) *planFixture {
	fixturesMu.Lock()
	defer fixturesMu.Unlock()
	if f, ok := fixtures[members]; ok {
		return f
	}
	f := newPlanFixture(b, members)
	fixtures[members] = f
	return f
}

type planFixture struct {
	server      tfprotov6.ProviderServer
	groupType   tftypes.Object
	state       *tfprotov6.DynamicValue
	config      *tfprotov6.DynamicValue
	memberCount int
}

func newPlanFixture(b *testing.B, members int) *planFixture {
	b.Helper()
	ctx := context.Background()
	mock := authentikmock.New(authentikmock.Options{})
	srv := httptest.NewServer(mock) // lives as long as the cached fixture: until the test binary exits

	client, err := authentik.New(authentik.Config{Endpoint: srv.URL, Token: mock.AdminToken()})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, members)
	for i := range ids {
		u, err := client.CreateUser(ctx, platform.UserSpec{Email: fmt.Sprintf("member%d@bench.example.com", i), Name: fmt.Sprintf("Member %d", i)})
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = u.ID
	}
	group, err := client.CreateGroup(ctx, platform.GroupSpec{Name: "bench-big-group", Members: ids})
	if err != nil {
		b.Fatal(err)
	}

	server := providerserver.NewProtocol6(provider.New("bench")())()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		b.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	cfg := dynamic(b, providerType, objectOf(providerType, map[string]tftypes.Value{
		"platform": tftypes.NewValue(tftypes.String, "authentik"),
		"endpoint": tftypes.NewValue(tftypes.String, srv.URL),
		"token":    tftypes.NewValue(tftypes.String, mock.AdminToken()),
	}))
	conf, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: cfg})
	if err != nil || len(conf.Diagnostics) > 0 {
		b.Fatalf("ConfigureProvider: %v %v", err, conf.Diagnostics)
	}

	groupType := schemas.ResourceSchemas["roster_user_group"].ValueType().(tftypes.Object)
	memberValues := make([]tftypes.Value, len(ids))
	for i, id := range ids {
		memberValues[i] = tftypes.NewValue(tftypes.String, id)
	}
	memberSet := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, memberValues)
	name := tftypes.NewValue(tftypes.String, "bench-big-group")
	return &planFixture{
		server:    server,
		groupType: groupType,
		state: dynamic(b, groupType, objectOf(groupType, map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, group.ID), "name": name, "members": memberSet,
		})),
		config:      dynamic(b, groupType, objectOf(groupType, map[string]tftypes.Value{"name": name, "members": memberSet})),
		memberCount: members,
	}
}

// noChangePlan is the two calls terraform makes for the group in `terraform plan`.
func (f *planFixture) noChangePlan(ctx context.Context, b *testing.B) {
	read, err := f.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "roster_user_group", CurrentState: f.state})
	if err != nil || len(read.Diagnostics) > 0 {
		b.Fatalf("ReadResource: %v %v", err, read.Diagnostics)
	}
	plan, err := f.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "roster_user_group", PriorState: read.NewState, ProposedNewState: read.NewState,
		Config: f.config, PriorPrivate: read.Private,
	})
	if err != nil || len(plan.Diagnostics) > 0 {
		b.Fatalf("PlanResourceChange: %v %v", err, plan.Diagnostics)
	}
	if len(plan.RequiresReplace) > 0 {
		b.Fatalf("a no-change plan requires replacement of %v", plan.RequiresReplace)
	}
}

// objectOf builds a value of an object type with the given attributes and null for every other one.
func objectOf(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, t := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(t, nil)
		}
	}
	return tftypes.NewValue(typ, vals)
}

func dynamic(b *testing.B, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	b.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}
