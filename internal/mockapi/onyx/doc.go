// Package onyx is an in-memory mock of the Onyx admin API for user groups, users (invitations) and
// API keys under /api, written from shared/platforms/onyx.md (section 7 is its checklist) and the
// published OpenAPI document, never from the roster client's wire structs: a field the client
// misspells is not understood here, and a test fails.
//
// One switch (Options.Generation) selects which of the two API generations it serves:
//   - "v4.6" (the default, the seed document's generation): groups carry curator_ids and members a
//     role, POST …/{id}/set-curator, PATCH /manage/set-user-role, API keys with a role, a duplicate
//     group name answered 400 {"detail": …};
//   - "current" (cloud/main): manager_ids and account_type, PUT …/{id}/manager, PATCH
//     /manage/admin/users/admin-access, API keys with group_ids, OnyxError bodies
//     {"error_code", "detail"}.
//
// What it reproduces, because each of these shapes a client:
//   - the background sync: create, rename, a connector change and delete make a group stale
//     (is_up_to_date false) until a clock (Options.SyncDelay) has run; while stale the group is
//     locked and writes answer 404 (rename: 409) "currently syncing";
//   - asynchronous delete: the group stays listed, empty and is_up_for_deletion, with its name
//     reserved, until the sync removes it;
//   - the create quirk: an unknown user id or cc_pair id is reported as a duplicate name;
//   - no get-one route for groups or keys (GET on a group answers 405), unpaginated lists, and the
//     default groups Admin and Basic, hidden unless include_default=true and never deletable;
//   - 403 (never 401) for a missing or unknown key, the four error body shapes, and 422 as
//     {"status_code", "message", "data"};
//   - users exist only after an invitation is accepted: the hook POST /__mock/onyx/users/{email}/signup
//     plays the person signing up;
//   - every API key owns a service-account user, which joins groups and is hidden from user lists;
//   - a group's permission grants (GET/PUT …/{id}/permissions: v4.6 toggles one, the current generation
//     sets them all) and incognito flag (PATCH …/{id}/incognito), writable while the group syncs; the
//     list's "permissions" map is the caller's affordances, not the grants.
//
// Mock-only hooks under /__mock/onyx/ change state behind a client's back for drift tests.
package onyx
