package provider_test

// Benchmarks of the provider's side of a no-change plan of one large group, driven through the same gRPC
// server code terraform talks to (serve.Server, protocol 6) against an in-process authentik mock, and of
// the provider's member comparison. make bench runs them; `go test -bench NoChangePlan
// -cpuprofile cpu.out ./internal/provider` profiles them.

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	authentikmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/provider"
	"github.com/rosterhq/terraform-provider-roster/internal/serve"
)

// Group sizes double from one to the next, so the ratio of successive times shows the growth: about 2 when
// linear, about 4 when quadratic. The largest is the 10,000-member group of the benchmark target.
var planMemberCounts = []int{2500, 5000, 10000}

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

// BenchmarkDriftPlanGroup is the same plan when someone added one member outside Terraform: Read reports
// n members where the state has n-1, and the plan removes the extra one.
func BenchmarkDriftPlanGroup(b *testing.B) {
	for _, n := range planMemberCounts {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			f := planFixtureFor(b, n)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f.driftPlan(ctx, b)
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
	server    tfprotov6.ProviderServer
	groupType tftypes.Object
	// state and config hold every member; driftState and driftConfig all but the last.
	state, config           *tfprotov6.DynamicValue
	driftState, driftConfig *tfprotov6.DynamicValue
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

	server, schemas := configuredServer(b, srv.URL, mock.AdminToken())
	groupType := schemas.ResourceSchemas["roster_user_group"].ValueType().(tftypes.Object)
	memberValues := make([]tftypes.Value, len(ids))
	for i, id := range ids {
		memberValues[i] = tftypes.NewValue(tftypes.String, id)
	}
	listType := tftypes.List{ElementType: tftypes.String}
	memberList := tftypes.NewValue(listType, memberValues)
	fewer := tftypes.NewValue(listType, memberValues[:len(memberValues)-1])
	name := tftypes.NewValue(tftypes.String, "bench-big-group")
	id := tftypes.NewValue(tftypes.String, group.ID)
	return &planFixture{
		server:      server,
		groupType:   groupType,
		state:       dynamic(b, groupType, objectOf(groupType, map[string]tftypes.Value{"id": id, "name": name, "members": memberList})),
		config:      dynamic(b, groupType, objectOf(groupType, map[string]tftypes.Value{"name": name, "members": memberList})),
		driftState:  dynamic(b, groupType, objectOf(groupType, map[string]tftypes.Value{"id": id, "name": name, "members": fewer})),
		driftConfig: dynamic(b, groupType, objectOf(groupType, map[string]tftypes.Value{"name": name, "members": fewer})),
	}
}

// noChangePlan is the two calls terraform makes for the group in `terraform plan`.
func (f *planFixture) noChangePlan(ctx context.Context, b *testing.B) {
	f.plan(ctx, b, f.state, f.config)
}

// driftPlan is the same with a state and configuration that lack the group's last member.
func (f *planFixture) driftPlan(ctx context.Context, b *testing.B) {
	f.plan(ctx, b, f.driftState, f.driftConfig)
}

func (f *planFixture) plan(ctx context.Context, b *testing.B, state, config *tfprotov6.DynamicValue) {
	read, err := f.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "roster_user_group", CurrentState: state})
	if err != nil || len(read.Diagnostics) > 0 {
		b.Fatalf("ReadResource: %v %v", err, read.Diagnostics)
	}
	plan, err := f.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "roster_user_group", PriorState: read.NewState, ProposedNewState: read.NewState,
		Config: config, PriorPrivate: read.Private,
	})
	if err != nil || len(plan.Diagnostics) > 0 {
		b.Fatalf("PlanResourceChange: %v %v", err, plan.Diagnostics)
	}
	if len(plan.RequiresReplace) > 0 {
		b.Fatalf("a no-change plan requires replacement of %v", plan.RequiresReplace)
	}
}

// configuredServer is the provider's protocol 6 server, configured for the authentik mock at url.
func configuredServer(b *testing.B, url, token string) (tfprotov6.ProviderServer, *tfprotov6.GetProviderSchemaResponse) {
	b.Helper()
	ctx := context.Background()
	server := serve.Server(provider.New("bench"))()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		b.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	providerType := schemas.Provider.ValueType().(tftypes.Object)
	cfg := dynamic(b, providerType, objectOf(providerType, map[string]tftypes.Value{
		"platform": tftypes.NewValue(tftypes.String, "authentik"),
		"endpoint": tftypes.NewValue(tftypes.String, url),
		"token":    tftypes.NewValue(tftypes.String, token),
	}))
	conf, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: cfg})
	if err != nil || len(conf.Diagnostics) > 0 {
		b.Fatalf("ConfigureProvider: %v %v", err, conf.Diagnostics)
	}
	return server, schemas
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

// BenchmarkRefreshUser is the provider's share of `terraform plan` for one unchanged user: the RPCs terraform
// makes for each managed object (ValidateResourceConfig, UpgradeResourceState, ReadResource with one API
// request, PlanResourceChange). It is the per-object cost behind the refresh wall-time target.
func BenchmarkRefreshUser(b *testing.B) {
	ctx := context.Background()
	mock := authentikmock.New(authentikmock.Options{})
	srv := httptest.NewServer(mock)
	b.Cleanup(srv.Close)
	client, err := authentik.New(authentik.Config{Endpoint: srv.URL, Token: mock.AdminToken()})
	if err != nil {
		b.Fatal(err)
	}
	u, err := client.CreateUser(ctx, platform.UserSpec{Email: "ada@bench.example.com", Name: "Ada"})
	if err != nil {
		b.Fatal(err)
	}
	server, schemas := configuredServer(b, srv.URL, mock.AdminToken())
	userType := schemas.ResourceSchemas["roster_user"].ValueType().(tftypes.Object)
	config := objectOf(userType, map[string]tftypes.Value{
		"email": tftypes.NewValue(tftypes.String, u.Email),
		"name":  tftypes.NewValue(tftypes.String, "Ada"),
	})
	read, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{
		TypeName: "roster_user", CurrentState: dynamic(b, userType, objectOf(userType, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, u.ID)})),
	})
	if err != nil || len(read.Diagnostics) > 0 {
		b.Fatalf("ReadResource: %v %v", err, read.Diagnostics)
	}
	cfg := dynamic(b, userType, config)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "roster_user", Config: cfg})
		if err != nil || len(v.Diagnostics) > 0 {
			b.Fatalf("ValidateResourceConfig: %v %v", err, v.Diagnostics)
		}
		r, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "roster_user", CurrentState: read.NewState})
		if err != nil || len(r.Diagnostics) > 0 {
			b.Fatalf("ReadResource: %v %v", err, r.Diagnostics)
		}
		p, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: "roster_user", PriorState: r.NewState, ProposedNewState: r.NewState, Config: cfg, PriorPrivate: r.Private,
		})
		if err != nil || len(p.Diagnostics) > 0 {
			b.Fatalf("PlanResourceChange: %v %v", err, p.Diagnostics)
		}
	}
}
