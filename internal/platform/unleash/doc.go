// Package unleash is the Unleash admin API client behind the roster provider: it implements platform.Backend
// and its validators for users (/api/admin/user-admin), API tokens (/api/admin/api-tokens, the
// roster_api_key of Unleash) and user groups (/api/admin/groups, Unleash Enterprise only).
//
// Unleash quirks that shape the package (shared/platforms/unleash.md has the evidence):
//   - Write responses echo rootRole as it was sent, and group writes carry no users, so every create and update
//     ends with a GET and returns what the server stored.
//   - A group PUT replaces everything, users included; fields Terraform does not manage are read first and sent
//     back unchanged.
//   - The open-source edition has no group routes at all (a generic "path not available" 404), which must read
//     as "unsupported", never as "this group was deleted".
//   - A group's project roles are written per group and project, and read from the group list and each
//     project's access once per process (projectaccess.go); Unleash drops unknown role ids silently, so names
//     are resolved against its project roles first.
//   - POSTs under /api/admin/user-admin share a per-client-IP budget of 20 a minute; creates are paced.
//   - Token PUT and DELETE answer 200 for tokens that do not exist, and backend tokens are listed as client.
//   - Tokens are addressed by their secret. The id given to Terraform is derived from it instead (see
//     tokenID), so the credential never appears in an id, a plan or an error message.
package unleash
