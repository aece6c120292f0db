// Package onyx is the Onyx API client behind the roster provider: it implements platform.Backend,
// its validators and platform.DeletionGuard for user groups (/manage/admin/user-group,
// Enterprise Edition), users (invitations, /manage/users and /manage/admin/*) and API keys
// (/admin/api-key), under the server's /api prefix.
//
// Two API generations are in use (see shared/platforms/onyx.md, section 0): the self-hosted v4.6 line
// (curator_ids, a role per user, set-curator, set-user-role, API keys with a role) and the current
// cloud/main line (manager_ids, admin rights from the Admin group, PUT …/manager, admin-access, API
// keys with group_ids). Reads decode both shapes, so they need no knowledge of the generation; writes
// that differ ask Client.Generation, which asks the server once (GET /version, else the shape of
// GET /me) unless Config.Generation forces it.
//
// Quirks of the API that shape the package:
//   - There is no get-one route for groups or keys: reads list and filter.
//   - Groups sync in the background. Create, rename, a connector change and delete leave a group
//     stale; a stale group refuses writes with 404 (rename: 409) "currently syncing". Writes wait for
//     the sync and retry such answers, which are never reported as "not found".
//   - Delete is asynchronous: the group stays listed, empty, with is_up_for_deletion, and its name
//     stays taken until the sync removes it. Such a group is gone for Terraform, and DeleteGroup
//     waits until the row has left the list.
//   - PATCH of a group replaces members and connectors together, so the connectors Terraform does
//     not manage are sent back as stored, and service accounts (API keys' users) stay members.
//   - Users exist only after they accept an invitation. roster_user is the invitation; its id is the
//     lower-cased email, known at once and unchanged when the person signs up. Group members are
//     therefore emails, mapped to and from user uuids here; an invitee listed as a member waits until
//     they sign up (pending.go).
//   - A bad key answers 403, never 401; errors come as {error_code, detail}, {detail}, {message} or
//     422 {status_code, message, data}.
package onyx
