// Package authentik is the authentik API client behind the roster provider: it implements platform.Backend and
// its validators for groups (/core/groups/), users (/core/users/) and tokens (/core/tokens/) of the
// authentik API v3.
//
// Two authentik quirks shape the whole package:
//   - A PUT resets omitted relations (group users, user groups and roles, token intent and owner), so every
//     update is a PATCH that sends only the fields Terraform manages.
//   - The token serializer re-applies its create defaults on every write, so token writes always carry
//     intent and owner.
package authentik
