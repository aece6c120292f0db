package mockapi

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe to write from server goroutines while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestAccessLogWritesOneLineWithoutHeaders(t *testing.T) {
	out := &lockedBuffer{}
	faults := NewFaults()
	_ = faults.Set(FaultRule{Kind: FaultReset, PathPrefix: "/api/drop/"})
	srv := httptest.NewServer(AccessLog(Wrap(&countingAPI{}, nil, NewRequestLog(), faults), out))
	defer srv.Close()

	req, _ := http.NewRequest("POST", srv.URL+"/api/v3/core/groups/?name=x", strings.NewReader("{}"))
	req.Header.Set("Authorization", "Bearer super-secret-key")
	resp, err := noRetryClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if _, _, err := do(t, "GET", srv.URL+"/api/drop/", ""); err == nil {
		t.Fatal("expected the reset fault to drop the connection")
	}
	// A hijacked connection's handler may still be finishing its deferred log line.
	deadline := time.Now().Add(2 * time.Second)
	for strings.Count(out.String(), "\n") < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got %q", out.String())
	}
	if !regexp.MustCompile(`^\S+ POST /api/v3/core/groups/ 201 \S+$`).MatchString(lines[0]) {
		t.Errorf("line = %q", lines[0])
	}
	if !regexp.MustCompile(`^\S+ GET /api/drop/ closed \S+$`).MatchString(lines[1]) {
		t.Errorf("line = %q", lines[1])
	}
	if strings.Contains(out.String(), "super-secret-key") {
		t.Fatal("the access log leaked the Authorization header")
	}
}
