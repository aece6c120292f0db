package serve

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/rosterhq/terraform-provider-roster/internal/provider"
)

type requestMarkerKey struct{}

// requestMarker stands for what a request context carries (loggers, gRPC metadata).
type requestMarker struct{ _ [4096]byte }

// TestServerLetsGoOfRequestContexts: once a call returns, nothing in the server refers to its context. The
// framework alone keeps every request's context until StopProvider.
func TestServerLetsGoOfRequestContexts(t *testing.T) {
	server := Server(provider.New("test"))()
	collected := func(call func(ctx context.Context)) bool {
		marker := &requestMarker{}
		ref := weak.Make(marker)
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), requestMarkerKey{}, marker))
		call(ctx)
		cancel()
		marker, ctx = nil, nil //nolint:ineffassign,wastedassign // drop the test's own references before collecting
		// Goroutines that watched the request's cancellation may still be exiting: give them a moment.
		for range 50 {
			runtime.GC()
			if ref.Value() == nil {
				return true
			}
			time.Sleep(10 * time.Millisecond)
		}
		return false
	}
	calls := map[string]func(ctx context.Context){
		"ValidateResourceConfig": func(ctx context.Context) {
			_, _ = server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "roster_user"})
		},
		"ReadResource": func(ctx context.Context) {
			_, _ = server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: "roster_user"})
		},
		"PlanResourceChange": func(ctx context.Context) {
			_, _ = server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "roster_user"})
		},
	}
	for name, call := range calls {
		// The first call of a kind may fill the framework's caches (schemas, resource types) with values
		// derived from its context; that is once per process. Every later request must be let go of.
		call(context.Background())
		if !collected(call) {
			t.Errorf("%s: the server still holds the request's context after the call returned", name)
		}
	}
}

func TestReleasableContext(t *testing.T) {
	parent, cancel := context.WithDeadline(context.WithValue(context.Background(), requestMarkerKey{}, "v"), time.Now().Add(time.Hour))
	defer cancel()
	c := newReleasableContext(parent)
	if c.Value(requestMarkerKey{}) != "v" || c.Err() != nil {
		t.Fatalf("before release: value %v, err %v; want the parent's value and no error", c.Value(requestMarkerKey{}), c.Err())
	}
	if d, ok := c.Deadline(); !ok || !d.Equal(mustDeadline(parent)) {
		t.Errorf("deadline %v %v, want the parent's", d, ok)
	}
	cancel()
	select {
	case <-c.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("cancelling the request did not cancel the context")
	}
	if !errors.Is(c.Err(), context.Canceled) || c.Value(requestMarkerKey{}) != "v" {
		t.Errorf("after the request was cancelled: err %v, value %v; want Canceled and the value still readable", c.Err(), c.Value(requestMarkerKey{}))
	}
	c.release()
	if c.Value(requestMarkerKey{}) != nil || !errors.Is(c.Err(), context.Canceled) {
		t.Errorf("after release: value %v, err %v; want no value and Canceled", c.Value(requestMarkerKey{}), c.Err())
	}

	live := newReleasableContext(context.Background())
	live.release()
	select {
	case <-live.Done():
	default:
		t.Error("release left the context open")
	}
}

func mustDeadline(ctx context.Context) time.Time {
	d, _ := ctx.Deadline()
	return d
}
