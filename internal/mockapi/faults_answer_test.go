package mockapi

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestTruncatedFaultAppliesAndCutsTheBody(t *testing.T) {
	api := &countingAPI{}
	srv, log, faults := newTestServer(t, api, nil)
	if err := faults.Set(FaultRule{Kind: FaultTruncated, Method: "POST", Times: 1}); err != nil {
		t.Fatal(err)
	}
	resp, body := mustDo(t, "POST", srv.URL+"/api/things/", "{}")
	full := `{"ok":true}`
	if resp.StatusCode != http.StatusCreated || api.applied.Load() != 1 || !strings.HasPrefix(full, body) || len(body) >= len(full) || body == "" {
		t.Fatalf("got %d %q, applied %d; want 201, applied once, a cut prefix of %q", resp.StatusCode, body, api.applied.Load(), full)
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err == nil || !strings.Contains(err.Error(), "unexpected end of JSON input") {
		t.Fatalf("decoding the cut body: %v, want unexpected end of JSON input", err)
	}
	if e := log.Entries(); len(e) != 1 || e[0].Fault != FaultTruncated || e[0].Status != http.StatusCreated {
		t.Fatalf("log = %+v", e)
	}
}

func TestSlowResponseFaultAppliesBeforeTheClientGivesUp(t *testing.T) {
	api := &countingAPI{}
	srv, log, faults := newTestServer(t, api, nil)
	if err := faults.Set(FaultRule{Kind: FaultSlowResponse, Delay: Duration(10 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/things/", strings.NewReader("{}"))
	start := time.Now()
	if resp, err := noRetryClient().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("got %d, want the client to give up", resp.StatusCode)
	}
	if api.applied.Load() != 1 {
		t.Fatalf("applied %d times, want once although the answer never came", api.applied.Load())
	}
	deadline := time.Now().Add(2 * time.Second)
	for log.Count() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if e := log.Entries(); len(e) != 1 || e[0].Fault != FaultSlowResponse || e[0].Status != http.StatusCreated || time.Since(start) > 5*time.Second {
		t.Fatalf("log = %+v after %s", e, time.Since(start))
	}

	// A patient client gets the whole answer.
	_ = faults.Set(FaultRule{Kind: FaultSlowResponse, Delay: Duration(time.Millisecond)})
	if resp, body := mustDo(t, "POST", srv.URL+"/api/things/", "{}"); resp.StatusCode != http.StatusCreated || body != `{"ok":true}` {
		t.Fatalf("got %d %q", resp.StatusCode, body)
	}
}
