package mockapi

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestMockTokenAndClock(t *testing.T) {
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.FixedZone("", 7200))
	m := NewMock(Config{Token: "given", NewToken: func() string { return "generated" }, Now: func() time.Time { return at }})
	if m.AdminToken() != "given" {
		t.Errorf("AdminToken = %q, want the configured one", m.AdminToken())
	}
	if got := m.Now(); !got.Equal(at) || got.Location() != time.UTC {
		t.Errorf("Now = %v, want %v in UTC", got, at)
	}
	if got := NewMock(Config{NewToken: func() string { return "generated" }}).AdminToken(); got != "generated" {
		t.Errorf("without a token: %q, want the generated one", got)
	}
}

// lockedWithin reports whether Lock(method) is granted within a short wait while another holds it.
func lockedWithin(m *Mock, method string) bool {
	got := make(chan func(), 1)
	go func() { got <- m.Lock(method) }()
	select {
	case unlock := <-got:
		unlock()
		return true
	case <-time.After(50 * time.Millisecond):
		go func() { (<-got)() }()
		return false
	}
}

func TestLockSharesReadsOnlyWhenAllowed(t *testing.T) {
	m := NewMock(Config{})
	unlock := m.Lock(http.MethodGet)
	if !lockedWithin(m, http.MethodHead) {
		t.Error("a read waited for another read")
	}
	if lockedWithin(m, http.MethodPatch) {
		t.Error("a write ran during a read")
	}
	unlock()

	settled := 0
	serial := NewMock(Config{Settle: func() { settled++ }})
	serial.Lock(http.MethodGet)()
	serial.Lock(http.MethodPost)()
	if settled != 2 {
		t.Errorf("Settle ran %d times, want once per lock, reads included (2)", settled)
	}
	defer serial.Lock(http.MethodGet)()
	if lockedWithin(serial, http.MethodGet) {
		t.Error("with Settle, a read ran during another read")
	}
}

func TestServeWrapsTheAPIWithLogAndFaults(t *testing.T) {
	m := NewMock(Config{Platform: "kit"})
	m.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { WriteNoContent(w) }))
	if err := m.Faults().Set(FaultRule{Method: "POST", Kind: FaultStatus, Status: 503}); err != nil {
		t.Fatal(err)
	}
	for method, want := range map[string]int{"GET": 204, "POST": 503} {
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, httptest.NewRequest(method, "/api/x", nil))
		if rec.Code != want {
			t.Errorf("%s: %d, want %d", method, rec.Code, want)
		}
	}
	if m.Log().Count() != 2 {
		t.Errorf("log has %d entries, want 2", m.Log().Count())
	}
}
