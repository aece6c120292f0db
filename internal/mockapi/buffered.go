package mockapi

import "net/http"

// ServeBuffered runs serve with a writer that keeps the answer in memory, then sends it to w. A mock whose
// handlers run under one lock takes the lock inside serve: the answer is composed under the lock and sent
// after it is released, so a client slow to read a large answer holds up no other request.
func ServeBuffered(w http.ResponseWriter, serve func(w http.ResponseWriter)) {
	b := &bufferedResponse{header: w.Header()}
	serve(b)
	w.WriteHeader(b.statusCode())
	_, _ = w.Write(b.body.Bytes())
}
