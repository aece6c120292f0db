package mockapi

import (
	"net/http"
	"sync"
	"time"
)

// Config is what a platform mock tells the kit about itself.
type Config struct {
	// Platform names the mock's own hook routes: /__mock/<Platform>/...
	Platform string
	// Token is the seeded admin's API key; when empty, NewToken makes one in the platform's format.
	Token    string
	NewToken func() string
	// Now is the server's clock; nil means time.Now.
	Now func() time.Time
	// SerialReads makes reads take the lock alone too, for a mock whose reads change state.
	SerialReads bool
	// Settle, when set, runs under the exclusive lock before every API or hook request sees the state
	// (for example to complete background work that is due); it implies SerialReads.
	Settle func()
}

// Mock is the part every platform server embeds: the admin token, the clock, the one lock its state
// lives under, the request log, fault injection, and its /__mock/ hook routes. A platform builds its
// API handler, registers its hooks with Hook, then calls Serve.
type Mock struct {
	cfg     Config
	token   string
	mu      sync.RWMutex
	log     *RequestLog
	faults  *Faults
	hooks   *http.ServeMux
	handler http.Handler
}

// NewMock returns a Mock with an empty request log and no fault rules.
func NewMock(cfg Config) *Mock {
	m := &Mock{cfg: cfg, token: cfg.Token, log: NewRequestLog(), faults: NewFaults(), hooks: http.NewServeMux()}
	if m.cfg.Now == nil {
		m.cfg.Now = time.Now
	}
	if m.token == "" && cfg.NewToken != nil {
		m.token = cfg.NewToken()
	}
	m.cfg.SerialReads = m.cfg.SerialReads || m.cfg.Settle != nil
	m.hooks.HandleFunc(HookPrefix, hookNotFound)
	return m
}

// Serve puts api behind the request log and fault injection (see Wrap); call it once, after Hook.
func (m *Mock) Serve(api http.Handler) {
	m.handler = Wrap(api, m.hooks, m.log, m.faults)
}

// ServeHTTP serves the API, the /__mock/ hooks, fault injection and request logging.
func (m *Mock) ServeHTTP(w http.ResponseWriter, r *http.Request) { m.handler.ServeHTTP(w, r) }

// Log is the record of API requests (hook requests are not in it).
func (m *Mock) Log() *RequestLog { return m.log }

// Faults is the fault injection in front of the API.
func (m *Mock) Faults() *Faults { return m.faults }

// AdminToken is the seeded admin's API key: Config.Token, or the generated one.
func (m *Mock) AdminToken() string { return m.token }

// Now is the server's clock in UTC; platforms truncate it to the precision their API stores.
func (m *Mock) Now() time.Time { return m.cfg.Now().UTC() }

// Lock takes the state lock for a request of the given method and returns its release: reads (GET,
// HEAD) share it unless SerialReads, everything else holds it alone. Handlers run entirely under it,
// so every request sees and leaves a consistent state, as the real server's transactions do.
func (m *Mock) Lock(method string) (unlock func()) {
	if !m.cfg.SerialReads && (method == http.MethodGet || method == http.MethodHead) {
		m.mu.RLock()
		return m.mu.RUnlock
	}
	m.mu.Lock()
	if m.cfg.Settle != nil {
		m.cfg.Settle()
	}
	return m.mu.Unlock
}
