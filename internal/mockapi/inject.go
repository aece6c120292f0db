package mockapi

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// faultNoter is implemented by the log's status recorder, so the log can tell an applied-but-lost
// request (status of the handler + fault) from one that never reached the handler.
// dropping says the connection is about to be closed, so the entry must be complete now.
type faultNoter interface {
	noteFault(kind FaultKind, status int, dropping bool)
}

// Inject returns next behind the fault rules. A nil Faults injects nothing.
func (f *Faults) Inject(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := f.plan(r)
		if len(p.delays) > 0 {
			noteFault(w, FaultSlow, 0, false) // a later terminal fault overrides the kind
		}
		for _, d := range p.delays {
			if !sleepUnlessCancelled(r, time.Duration(d)) {
				return // the client gave up while waiting; nothing was applied
			}
		}
		if p.terminal == nil {
			next.ServeHTTP(w, r)
			return
		}
		switch rule := p.terminal; rule.Kind {
		case FaultStatus:
			noteFault(w, rule.Kind, rule.Status, false)
			writeStatusFault(w, *rule)
		case FaultReset:
			noteFault(w, rule.Kind, 0, true)
			closeConnection(w)
		case FaultLostResponse:
			discarded := &bufferedResponse{header: http.Header{}}
			next.ServeHTTP(discarded, r)
			noteFault(w, rule.Kind, discarded.statusCode(), true)
			closeConnection(w)
		case FaultSlowResponse:
			held := &bufferedResponse{header: http.Header{}}
			next.ServeHTTP(held, r)
			// Read to the end: only then does net/http watch the connection and cancel the request when
			// the client leaves.
			_, _ = io.Copy(io.Discard, r.Body)
			if !sleepUnlessCancelled(r, time.Duration(rule.Delay)) {
				noteFault(w, rule.Kind, held.statusCode(), true) // applied; the client left without the answer
				return
			}
			noteFault(w, rule.Kind, held.statusCode(), false)
			held.sendTo(w, held.body.Len())
		case FaultTruncated:
			cut := &bufferedResponse{header: http.Header{}}
			next.ServeHTTP(cut, r)
			noteFault(w, rule.Kind, cut.statusCode(), false)
			cut.sendTo(w, cut.body.Len()/2)
		}
	})
}

func sleepUnlessCancelled(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func noteFault(w http.ResponseWriter, kind FaultKind, status int, dropping bool) {
	if n, ok := w.(faultNoter); ok {
		n.noteFault(kind, status, dropping)
	}
}

func writeStatusFault(w http.ResponseWriter, rule FaultRule) {
	if rule.RetryAfter != "" {
		w.Header().Set("Retry-After", rule.RetryAfter)
	}
	body := []byte(rule.Body)
	if len(body) == 0 {
		body = fmt.Appendf(nil, `{"detail":"mock fault: %d %s"}`, rule.Status, http.StatusText(rule.Status))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rule.Status)
	_, _ = w.Write(body)
}

// closeConnection drops the client's connection without a reply. Hijacking and closing with
// SO_LINGER 0 sends a TCP RST, which is what a crashing proxy looks like; where the connection cannot
// be hijacked (HTTP/2, test recorders) aborting the handler makes net/http drop it instead.
func closeConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// bufferedResponse collects what the API handler would have sent, so a lost_response fault can
// apply the request and throw the answer away.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// sendTo writes the collected answer to w with only its first n body bytes.
func (b *bufferedResponse) sendTo(w http.ResponseWriter, n int) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(n))
	w.WriteHeader(b.statusCode())
	_, _ = w.Write(b.body.Bytes()[:n])
}

func (b *bufferedResponse) statusCode() int {
	if b.status == 0 {
		return http.StatusOK
	}
	return b.status
}
