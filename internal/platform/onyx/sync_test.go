package onyx

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A write answered "currently syncing" waits for the sync (polling the list) and is sent again; it
// is never reported as "not found".
func TestGroupWriteRetriesWhileSyncing(t *testing.T) {
	var patches, lists atomic.Int32
	c := stubClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.Method {
		case http.MethodGet:
			n := lists.Add(1)
			_ = json.NewEncoder(w).Encode([]map[string]any{{"id": 3, "name": "g", "users": []any{}, "cc_pairs": []any{}, "is_up_to_date": n > 1}})
		case http.MethodPatch:
			if patches.Add(1) == 1 {
				w.WriteHeader(http.StatusNotFound)
				_, _ = w.Write([]byte(`{"error_code":"NOT_FOUND","detail":"Specified user group is currently syncing. Wait until the current sync has finished before editing."}`))
				return
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"id": 3, "name": "g"})
		}
	}))
	c.poll = pollPolicy{min: time.Millisecond, max: 2 * time.Millisecond, limit: time.Second}
	err := c.groupWrite(context.Background(), 3, httpclient.Request{Method: http.MethodPatch, Path: groupPath(3), Body: groupPatch{}}, nil)
	if err != nil || patches.Load() != 2 || lists.Load() != 2 {
		t.Errorf("err %v after %d PATCHes and %d lists", err, patches.Load(), lists.Load())
	}
}

// A sync that never ends is given up on at the context's deadline, with a message saying what was
// awaited; the error is not a NotFoundError.
func TestWaitSyncedGivesUp(t *testing.T) {
	c := stubClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode([]map[string]any{{"id": 3, "name": "g", "is_up_to_date": false}})
	}))
	c.poll = pollPolicy{min: time.Millisecond, max: 5 * time.Millisecond, limit: 50 * time.Millisecond}
	start := time.Now()
	_, err := c.waitSynced(context.Background(), 3)
	if err == nil || platform.IsNotFound(err) || !strings.Contains(err.Error(), "finished syncing") || time.Since(start) > time.Second {
		t.Errorf("waitSynced: %v after %s", err, time.Since(start))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := c.waitGone(ctx, 3); err == nil || !strings.Contains(err.Error(), "name stays taken") {
		t.Errorf("waitGone: %v", err)
	}
}
