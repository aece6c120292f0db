// Package secoda is an in-memory mock of Secoda's HTTP API for user groups (/api/v1/auth/group/),
// users (/api/v1/user/) and teams (/api/v1/auth/teams/), written from Secoda's API reference and the
// notes in shared/platforms/secoda.md (section 5), never from the client's wire structs: a field the
// client misspells is simply not understood here, and a test fails.
//
// What it reproduces: DRF-style 401s for a missing or bad bearer token, 400 field errors (bad role,
// guest without teams, duplicate email, unknown ids), UUID ids, microsecond "Z" timestamps, the
// paginated {links, meta, count, total_pages, results} envelope (page size 50), one membership
// relation seen from both sides (Group.users and User.user_groups), cascades on delete, paths with
// and without the /api/v1 prefix and the trailing slash, and the documented write limit of 30
// requests per minute answered with 429 and Retry-After.
//
// Where the documentation is silent the mock picks the stricter or the documented-example shape, so a
// client that works here is likely to work against the real service: PUT is not allowed (only PATCH
// is documented), DELETE counts against the write limit, `pending` is rendered as the string
// "True"/"False" and a null `last_login` as "None" (as in Secoda's examples), null pagination links
// are "None", and `teams` is accepted but never returned (it is not in the documented user schema).
//
// A member deactivated in Secoda's UI (the PATCH hook's {"disabled": true}) is kept: GET answers it and
// the list shows it with disabled=true, and it still holds its address, so inviting it again is a 400.
//
// Mock-only hooks under /__mock/secoda/ change state behind a client's back for drift tests.
package secoda
