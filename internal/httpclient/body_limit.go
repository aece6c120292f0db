package httpclient

import (
	"fmt"
	"io"
	"net/http"
)

// DefaultMaxResponseBytes is the largest answer body read when Config.MaxResponseBytes is 0: far above any
// page these APIs send, far below what would exhaust the provider's memory.
const DefaultMaxResponseBytes = 64 << 20

// bodyTooLargeError is an answer longer than the limit. It is found without reading more than the limit.
type bodyTooLargeError struct{ limit int64 }

func (e *bodyTooLargeError) Error() string {
	return fmt.Sprintf("the answer is larger than %s; raise the provider's `max_response_size_mib` if this server really sends that much", byteSize(e.limit))
}

// readBody reads an answer's body, at most limit bytes of it: a server that streams without end (or a
// proxy's endless page) costs limit bytes, not all of the memory.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, &bodyTooLargeError{limit: limit}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err == nil && int64(len(body)) > limit {
		return nil, &bodyTooLargeError{limit: limit}
	}
	return body, err
}

func byteSize(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
