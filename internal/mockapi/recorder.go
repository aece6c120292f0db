package mockapi

import (
	"net/http"
	"sync"
)

// statusRecorder remembers the status a handler sent, and the fault that replaced it, if any.
// Unwrap lets http.ResponseController reach the connection underneath for hijacking.
type statusRecorder struct {
	http.ResponseWriter
	status int
	fault  FaultKind

	// onFinish runs once, when the request is over or just before a fault drops the connection,
	// so whoever watches the client (a test) never sees the close before the log entry exists.
	onFinish   func()
	finishOnce sync.Once
}

func (r *statusRecorder) finish() {
	if r.onFinish != nil {
		r.finishOnce.Do(r.onFinish)
	}
}

func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 && status >= 200 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(p)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *statusRecorder) noteFault(kind FaultKind, status int, dropping bool) {
	r.fault = kind
	r.status = status
	if dropping {
		r.finish()
	}
}
