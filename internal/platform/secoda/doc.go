// Package secoda is the Secoda API client behind the roster provider: it implements platform.Backend and
// its validators for user groups (/api/v1/auth/group/) and users (/api/v1/user/). Secoda has no
// API-key endpoints, so the client has no API-key part (its capability row says why).
//
// Secoda quirks that shape the package:
//   - Writes are limited to 30 per minute. The client paces every POST/PATCH/DELETE under the limit
//     (httpclient's WritesPerMinute, 30 unless the provider says otherwise) and the shared HTTP stack
//     retries a 429 after its Retry-After, so a large apply slows down instead of failing.
//   - Users are invitations: a created user stays `pending` until the person signs in. A member
//     deactivated in Secoda's UI (`disabled`) keeps its address and is read with Active false; the API
//     can neither deactivate nor re-activate anyone.
//   - Responses are loosely typed: booleans may arrive as "True"/"False", nulls as "None", and list
//     envelopes point at the next page with an absolute URL. Everything is decoded leniently.
//   - Users have first_name and last_name, the portable model one name; see splitName.
package secoda
