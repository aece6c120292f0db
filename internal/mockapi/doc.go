// Package mockapi holds the pieces every in-memory platform mock shares: a request log that tests
// count against ("0 API requests", "1 POST"), fault injection (429/5xx, connection resets, lost
// responses, slow answers) configurable from Go and over HTTP, and Wrap, which puts both in front of a
// platform handler and serves the mock-only hook routes under HookPrefix.
//
// Hook routes are for tests and are never logged nor faulted, so asserting on the log or injecting
// a fault never disturbs the thing being measured.
package mockapi

// HookPrefix is the path prefix of the mock-only routes (request log, faults, drift hooks).
const HookPrefix = "/__mock/"
