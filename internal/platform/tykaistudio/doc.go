// Package tykaistudio is the Tyk AI Studio API client behind the roster provider: it implements
// platform.Backend and its validators for users (/users), groups ("Teams" in the UI, /groups,
// Enterprise Edition only) and the one API key each user has (/users/{id}/roll-api-key), under the
// server's /api/v1.
//
// Quirks of the API that shape the whole package (see shared/platforms/tyk-ai-studio.md):
//   - PATCH replaces the whole object: an omitted email becomes "", omitted flags false, omitted
//     group lists empty. Every update therefore reads the object first and sends all of it: the
//     spec's values where Terraform manages them, the server's current ones elsewhere.
//   - A missing object is 404 on GET but 500 "record not found" on most writes; both are
//     *platform.NotFoundError here.
//   - Membership writes that name an unknown user id create a blank user, and group writes that name
//     an unknown catalogue id an empty catalogue, so member and catalogue ids are checked before
//     anything is sent.
//   - Group writes on the Community Edition answer 402; that becomes a *platform.UnsupportedError
//     saying the Enterprise Edition is needed.
//   - A wrong endpoint is not an error to the server: the admin UI answers unknown paths with
//     200 text/html. Every success that is not JSON is turned into an error naming the endpoint.
//   - A user has exactly one key, readable by admins in plaintext and replaced by "rolling" it.
//     roster_api_key is "the user's current key": create rolls it, read reports the current one
//     (a different value means it was rolled behind Terraform's back), delete rolls once more.
package tykaistudio
