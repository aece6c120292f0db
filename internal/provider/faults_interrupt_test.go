package provider_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// interruptCounts is the configuration of the interrupted-apply test, per platform.
var interruptCounts = map[string]objectCounts{
	"authentik":     {Users: 6, Groups: 3, Keys: 3, Passwords: true},
	"secoda":        {Users: 6, Groups: 4},
	"tyk_ai_studio": {Users: 6, Groups: 3, Keys: 3, Passwords: true},
	"unleash":       {Users: 6, Groups: 3, Keys: 3, Passwords: true},
	"onyx":          {Users: 6, Groups: 3, Keys: 3},
}

// heldAnswer is how long the mock holds the answer of a create it applied: far longer than the test waits
// before interrupting, so every create in flight is applied and unanswered when the interrupt comes.
const heldAnswer = 2 * time.Minute

// TestAccFault_interruptedApply presses Ctrl-C (SIGINT to terraform, through terraform-exec) while creates
// are applied on the server and their answers not yet sent: first while users are created, then while groups
// and keys are. Each interrupted apply leaves every object the server made in state (adopted by its natural
// key, or tainted when a later step of its create was cut off); the apply that follows completes, and the
// server then holds exactly the configured objects: no duplicate, nothing untracked.
func TestAccFault_interruptedApply(t *testing.T) {
	t.Parallel()
	for _, tt := range faultTargets {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := tt.start(t)
			if f.settings == "" {
				f.settings = "writes_per_minute = 100000" // Unleash paces user creates; the mock does not need it
			}
			counts := interruptCounts[tt.name]
			usersOnly, _ := f.config("int", objectCounts{Users: counts.Users, Passwords: counts.Passwords})
			body, want := f.config("int", counts)
			wd := acctest.NewWorkdir(t, f.provider(3)+usersOnly)
			baseline := f.keys()
			t.Cleanup(func() {
				f.faults.Clear()
				if err := wd.Destroy(context.Background(), wd.Reattach); err != nil {
					t.Errorf("terraform destroy: %v", err)
				}
				if left := f.keys().minus(baseline); left.total() != 0 {
					t.Errorf("objects left after destroy: %+v", left)
				}
			})

			held := func(kinds ...string) []mockapi.FaultRule {
				var rules []mockapi.FaultRule
				for _, kind := range kinds {
					if p, ok := f.createPaths[kind]; ok {
						rule := lostCreate(f, kind, p)
						rule.Kind, rule.Delay = mockapi.FaultSlowResponse, mockapi.Duration(heldAnswer)
						rules = append(rules, rule)
					}
				}
				return rules
			}

			// Users first, on their own; then the whole configuration, with the groups and keys held.
			interruptedApply(t, f, wd, held("user"), baseline, func(k serverKeys) bool { return len(k.Users) >= 3 })
			wd.Write(t, f.provider(3)+body)
			interruptedApply(t, f, wd, held("group", "key"), baseline, func(k serverKeys) bool { return len(k.Groups)+len(k.Keys) >= 3 })

			f.faults.Clear()
			if err := wd.Apply(context.Background(), wd.Reattach); err != nil {
				t.Fatalf("the apply after the interrupted ones: %v", err)
			}
			if err := sameKeys(f.keys().minus(baseline), want); err != nil {
				t.Fatal(err)
			}
			s := stateOf(t, wd)
			if err := countInState(s, counts); err != nil {
				t.Fatal(err)
			}
			if err := f.checkKeys(s); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// interruptedApply starts an apply with the answers of the creates that rules match held back, interrupts it
// once the objects the server made beyond baseline (its seeded ones) have reached a mark, and checks that the
// state then tracks every object the server made.
func interruptedApply(t *testing.T, f *faultTarget, wd *acctest.Workdir, rules []mockapi.FaultRule, baseline serverKeys, reached func(made serverKeys) bool) {
	t.Helper()
	from := f.srv.Log().Count()
	f.setFaults(rules...)
	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	done := make(chan error, 1)
	go func() { done <- wd.Apply(ctx, wd.Reattach) }()

	deadline := time.After(time.Minute)
	for !reached(f.keys().minus(baseline)) {
		select {
		case err := <-done:
			t.Fatalf("the apply ended before it was interrupted: %v", err)
		case <-deadline:
			t.Fatalf("the server never made enough objects; it holds %+v", f.keys().minus(baseline))
		case <-time.After(50 * time.Millisecond):
		}
	}
	start := time.Now()
	interrupt() // SIGINT, as Ctrl-C
	err := <-done
	f.faults.Clear()
	if err == nil {
		t.Fatal("the interrupted apply succeeded")
	}
	abandoned := 0
	for _, e := range f.srv.Log().Entries()[from:] {
		if e.Fault == mockapi.FaultSlowResponse && e.Status >= 200 && e.Status < 300 {
			abandoned++
		}
	}
	t.Logf("%s: interrupted; terraform stopped %s later; %d applied creates were never answered; it said: %v",
		f.platform, time.Since(start).Round(time.Millisecond), abandoned, err)
	if abandoned == 0 {
		t.Fatal("no create was in flight when the apply was interrupted: the test proved nothing")
	}
	// Every object on the server is in state: nothing was left behind untracked.
	onServer := f.keys().minus(baseline)
	inState := map[string]int{}
	tainted := 0
	for name, rs := range stateOf(t, wd).RootModule().Resources {
		inState[strings.SplitN(name, ".", 2)[0]]++
		if rs.Primary.Tainted {
			tainted++ // a later step of its create (a password, reading the secret back) was cut off
		}
	}
	t.Logf("%s: the state tracks %d objects, %d of them tainted", f.platform, len(onServer.Users)+len(onServer.Groups)+len(onServer.Keys), tainted)
	for typ, n := range map[string]int{"roster_user": len(onServer.Users), "roster_user_group": len(onServer.Groups), "roster_api_key": len(onServer.Keys)} {
		if inState[typ] != n {
			t.Fatalf("after the interrupt the server holds %d objects of %s, the state %d: %+v", n, typ, inState[typ], onServer)
		}
	}
}

// stateOf reads the working directory's state into the form the fault checks take: each resource's id and
// top-level string attributes.
func stateOf(t *testing.T, wd *acctest.Workdir) *terraform.State {
	t.Helper()
	js, err := wd.Show(context.Background(), wd.Reattach)
	if err != nil {
		t.Fatalf("terraform show: %v", err)
	}
	root := &terraform.ModuleState{Path: []string{"root"}, Resources: map[string]*terraform.ResourceState{}}
	s := &terraform.State{Modules: []*terraform.ModuleState{root}}
	if js.Values == nil || js.Values.RootModule == nil {
		return s
	}
	for _, r := range js.Values.RootModule.Resources {
		attrs := map[string]string{}
		for k, v := range r.AttributeValues {
			if str, ok := v.(string); ok {
				attrs[k] = str
			}
		}
		root.Resources[r.Address] = &terraform.ResourceState{
			Type: r.Type, Primary: &terraform.InstanceState{ID: attrs["id"], Attributes: attrs, Tainted: r.Tainted},
		}
	}
	return s
}
