// Package mockapi is the kit every in-memory platform mock is built from, so that a platform mock
// holds only its routes, its wire shapes and its quirks.
//
// What a platform mock takes from the kit:
//
//   - Mock (mock.go), embedded in its Server: the admin token, the clock, the one lock the state lives
//     under (Lock: shared for reads, exclusive for writes, with an optional Settle step), the request
//     log and fault injection (Log, Faults), and ServeHTTP. The platform builds its API handler and
//     calls Serve, which puts it behind Wrap.
//   - Hook (hooks.go): the platform's /__mock/<platform>/ routes, run under the lock, never logged nor
//     faulted, with HookFind, HookDelete, DecodeHook and DecodeHookFields for their bodies and
//     SortedNames for state dumps. The common hooks (request log, faults) come with Wrap.
//   - Table, Relation and Serial (store.go): rows by id in creation order, a many-to-many relation
//     indexed from both sides, integer ids, SetIf to apply an optional field; NewUUID, CanonicalUUID
//     and RandomString (ids.go).
//   - Body reading (body.go): BufferBody, ReadObject (lenient: unknown keys ignored) and DecodeStrict
//     (unknown keys refused); WriteJSON, WriteNoContent and Each (jsonio.go).
//   - Methods (routes.go): an endpoint's handlers by method, HEAD served by GET.
//   - For Django REST framework APIs (drf.go, drfviews.go, paging.go): DRFBody's field readers with
//     DRF's messages, ReadValid, FieldErrors, {"detail"} answers, DjangoTime, ModelView (a
//     ModelViewSet's create, retrieve, update and destroy over the platform's own lookup, validation
//     and rendering), and Pager for page-number pagination.
//
// Error bodies, envelopes, authentication and every wire shape stay in the platform mock.
//
// Hook routes are for tests and are never logged nor faulted, so asserting on the log or injecting
// a fault never disturbs the thing being measured.
package mockapi

// HookPrefix is the path prefix of the mock-only routes (request log, faults, drift hooks).
const HookPrefix = "/__mock/"
