package mockapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
)

// FaultKind names what a fault rule does to a matching request.
type FaultKind string

const (
	// FaultStatus answers with Status (and Retry-After, when set) without calling the API handler,
	// so nothing is applied: the shape of a 429 or a 5xx from a proxy in front of the platform.
	FaultStatus FaultKind = "status"
	// FaultReset closes the connection before the API handler runs: nothing is applied, no reply.
	FaultReset FaultKind = "reset"
	// FaultLostResponse lets the API handler apply the request, then closes the connection instead
	// of sending the reply: the case where a retried POST would create a duplicate.
	FaultLostResponse FaultKind = "lost_response"
	// FaultSlow sleeps Delay before handling; later rules still get their chance afterwards, so a
	// slow rule can be combined with any other kind.
	FaultSlow FaultKind = "slow"
	// FaultSlowResponse lets the API handler apply the request, then holds the reply for Delay; a
	// client that gives up meanwhile (Ctrl-C, a timeout) never sees it although the write happened.
	FaultSlowResponse FaultKind = "slow_response"
	// FaultTruncated lets the API handler apply the request, then sends its status and the first half
	// of its body, with a Content-Length that matches the cut: what a proxy that cuts answers sends.
	FaultTruncated FaultKind = "truncated"
)

// FaultRule selects requests and says what to do to them.
//
// A rule matches requests whose method equals Method (any when empty), whose path equals Path (any
// when empty) and starts with PathPrefix (any when empty); paths under HookPrefix never match. Path
// picks a create out of the requests below its path (POST /keys, not POST /keys/7/regenerate). A matching request triggers the
// rule with Probability (0 means always); a rule with Times > 0 is removed after triggering that many
// times, a rule with Times == 0 stays until the rules are replaced or cleared.
type FaultRule struct {
	Kind       FaultKind `json:"kind"`
	Method     string    `json:"method,omitempty"`
	Path       string    `json:"path,omitempty"`
	PathPrefix string    `json:"path_prefix,omitempty"`
	// Status is the code a FaultStatus rule answers with.
	Status int `json:"status,omitempty"`
	// RetryAfter is sent verbatim as the Retry-After header of a FaultStatus answer when not empty.
	RetryAfter string `json:"retry_after,omitempty"`
	// Body is the JSON body of a FaultStatus answer; when empty a {"detail": ...} object is sent.
	Body json.RawMessage `json:"body,omitempty"`
	// Delay is how long a FaultSlow rule waits before the handler, a FaultSlowResponse rule after it.
	Delay       Duration `json:"delay,omitempty"`
	Times       int      `json:"times,omitempty"`
	Probability float64  `json:"probability,omitempty"`
}

// Validate reports the first reason the rule cannot be applied.
func (r FaultRule) Validate() error {
	switch r.Kind {
	case FaultStatus:
		if r.Status < 100 || r.Status > 599 {
			return fmt.Errorf("fault %q needs a status between 100 and 599, got %d", r.Kind, r.Status)
		}
		if len(r.Body) > 0 && !json.Valid(r.Body) {
			return fmt.Errorf("fault %q: body is not valid JSON", r.Kind)
		}
	case FaultSlow, FaultSlowResponse:
		if r.Delay <= 0 {
			return fmt.Errorf("fault %q needs a positive delay", r.Kind)
		}
	case FaultReset, FaultLostResponse, FaultTruncated:
	default:
		return fmt.Errorf("unknown fault kind %q (want %s, %s, %s, %s, %s or %s)", r.Kind,
			FaultStatus, FaultReset, FaultLostResponse, FaultSlow, FaultSlowResponse, FaultTruncated)
	}
	if r.Times < 0 {
		return fmt.Errorf("fault %q: times must not be negative", r.Kind)
	}
	if r.Probability < 0 || r.Probability > 1 {
		return fmt.Errorf("fault %q: probability must be between 0 and 1", r.Kind)
	}
	return nil
}

func (r FaultRule) matches(req *http.Request) bool {
	if strings.HasPrefix(req.URL.Path, HookPrefix) {
		return false
	}
	if r.Method != "" && !strings.EqualFold(r.Method, req.Method) {
		return false
	}
	if r.Path != "" && req.URL.Path != r.Path {
		return false
	}
	return strings.HasPrefix(req.URL.Path, r.PathPrefix)
}

// Faults holds the active fault rules. It is safe for concurrent use; the zero value is not usable,
// call NewFaults.
type Faults struct {
	mu    sync.Mutex
	rules []FaultRule
	rng   *rand.Rand
}

// DefaultFaultSeed seeds the probability rolls of a new Faults, so runs repeat unless reseeded.
const DefaultFaultSeed = 1

// NewFaults returns a Faults with no rules, seeded with DefaultFaultSeed.
func NewFaults() *Faults {
	return &Faults{rng: newRand(DefaultFaultSeed)}
}

func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// Seed restarts the random sequence that Probability rules draw from.
func (f *Faults) Seed(seed uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rng = newRand(seed)
}

// Set replaces every rule. Nothing changes when a rule is invalid.
func (f *Faults) Set(rules ...FaultRule) error {
	if err := validateRules(rules); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = append([]FaultRule(nil), rules...)
	return nil
}

// Add appends rules after the existing ones. Nothing changes when a rule is invalid.
func (f *Faults) Add(rules ...FaultRule) error {
	if err := validateRules(rules); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = append(f.rules, rules...)
	return nil
}

// Clear removes every rule.
func (f *Faults) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = nil
}

// Rules returns the active rules; Times shows what is left of each countdown.
func (f *Faults) Rules() []FaultRule {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]FaultRule(nil), f.rules...)
}

func validateRules(rules []FaultRule) error {
	var errs []error
	for i, r := range rules {
		if err := r.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("rule %d: %w", i, err))
		}
	}
	return errors.Join(errs...)
}

// faultPlan is what happens to one request: delays first, then at most one terminal rule.
type faultPlan struct {
	delays   []Duration
	terminal *FaultRule
}

// plan decides, under the lock, which rules trigger for req and consumes their countdowns, so two
// concurrent requests can never both take the last "times: 1".
func (f *Faults) plan(req *http.Request) faultPlan {
	var p faultPlan
	if f == nil {
		return p
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	kept := f.rules[:0]
	for i := range f.rules {
		rule := f.rules[i]
		if p.terminal != nil || !rule.matches(req) || !f.roll(rule) {
			kept = append(kept, rule)
			continue
		}
		if rule.Kind == FaultSlow {
			p.delays = append(p.delays, rule.Delay)
		} else {
			triggered := rule
			p.terminal = &triggered
		}
		if rule.Times > 0 {
			rule.Times--
			if rule.Times == 0 {
				continue // used up: drop it
			}
		}
		kept = append(kept, rule)
	}
	f.rules = kept
	return p
}

func (f *Faults) roll(rule FaultRule) bool {
	if rule.Probability <= 0 || rule.Probability >= 1 {
		return true
	}
	return f.rng.Float64() < rule.Probability
}
