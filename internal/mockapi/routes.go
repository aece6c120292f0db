package mockapi

import "net/http"

// Methods is one endpoint: its handlers by HTTP method. C is what the platform's dispatch hands each
// handler after its own checks (the authenticated caller, the path's id, ...).
type Methods[C any] map[string]func(w http.ResponseWriter, r *http.Request, c C)

// For returns the handler for r's method, with HEAD served by GET as Django and most frameworks do;
// false means the endpoint does not have the method (a 405 in the platform's words).
func (m Methods[C]) For(r *http.Request) (func(http.ResponseWriter, *http.Request, C), bool) {
	method := r.Method
	if method == http.MethodHead {
		method = http.MethodGet
	}
	h, ok := m[method]
	return h, ok
}
