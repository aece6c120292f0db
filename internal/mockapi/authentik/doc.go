// Package authentik is an in-memory mock of the authentik admin API for groups, users and API
// tokens (/api/v3/core/groups/, /users/, /tokens/), written from the published OpenAPI schema and
// the behaviour notes in shared/platforms/authentik.md, never from the client's wire structs: a field
// the client misspells is simply not understood here, and a test fails.
//
// What it reproduces: bearer-token auth with authentik's 403s, DRF validation errors, PUT vs PATCH
// (a PUT without group "users" or user "groups"/"roles" clears them), one membership relation seen
// from both sides, api tokens whose expiry the server re-sets on every write, keys readable only
// through view_key, pagination with page numbers, and the cascades of deletes.
// Mock-only hooks under /__mock/authentik/ change state behind a client's back for drift tests.
package authentik
