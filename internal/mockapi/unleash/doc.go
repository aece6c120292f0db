// Package unleash is an in-memory mock of the Unleash admin API for users (/api/admin/user-admin), API tokens
// (/api/admin/api-tokens) and Enterprise user groups (/api/admin/groups), written from the API reference
// (shared/platforms/unleash.md, section 7), the published OpenAPI document and what a real 8.2 server answered,
// never from the client's wire structs: a field the client misspells is not understood here, and a test fails.
//
// Reproduced on purpose, because each one shapes the client:
//   - errors as {id?, name, message, details[]}: middleware errors (auth, unknown route, content type, schema)
//     carry an id, service errors do not; malformed JSON gets Express's HTML page;
//   - user create is strict and echoes rootRole as sent; GET returns the role id; a duplicate email is a 400,
//     a duplicate username a 500 that leaks the SQL; emails are stored lowercased; delete is soft;
//   - POSTs under /api/admin/user-admin share a fixed-window rate limit (20 a minute by default) answered with a
//     text/html 429 and Retry-After;
//   - backend tokens are listed as client tokens; PUT and DELETE of an unknown token answer 200;
//   - groups exist only in the Enterprise edition; on the open-source edition every /api/admin/groups route is
//     the generic "path not available" 404, as on a real OSS server. Group writes answer without users;
//   - a group's roles in a project (Enterprise, projectaccess.go) are set per group, unknown role ids are
//     dropped without a word, and the group list names each group's projects.
//
// Mock-only hooks under /__mock/unleash/ change state behind a client's back for drift tests.
package unleash
