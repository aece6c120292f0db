// Package tykaistudio is an in-memory mock of the Tyk AI Studio admin API for users, groups ("Teams")
// and user API keys under /api/v1, written from shared/platforms/tyk-ai-studio.md (section 7 is its
// checklist), never from the roster client's wire structs or from the AGPL server code: a field the
// client misspells is simply not understood here, and a test fails.
//
// What it reproduces, because each of these has bitten (or would bite) a client:
//   - auth by an admin user's plaintext API key, "<anything> <key>", with 401/403 bodies shaped
//     {"error": ...} while handler errors are {"errors":[{"title","detail"}]};
//   - PATCH as full replacement: an omitted user email becomes "", omitted booleans false, omitted
//     group lists empty;
//   - soft deletes: GET answers 404 for a missing object, but PATCH/DELETE user, PATCH group, the
//     key roll and the membership routes answer 500 "record not found";
//   - every new user joins the built-in Default group, which cannot be deleted; user #1 is the
//     undeletable super admin;
//   - membership writes with an unknown user id create a blank "phantom" user, and group writes
//     (create, PATCH, PUT catalogues) with an unknown catalogue id an empty catalogue with that id;
//   - the Default group holds catalogue 1 of each kind (LLM, data, tool), all named "Default";
//   - API keys are "" until rolled, one per user, readable by admins;
//   - the Community Edition (402 for group writes) next to the Enterprise one;
//   - 200 text/html for unknown paths (the admin UI's fallback), 301 for a trailing slash, the
//     X-Total-Count/X-Total-Pages headers, and a page=0 answer that carries two bodies.
//
// Mock-only hooks under /__mock/tyk_ai_studio/ change state behind a client's back for drift tests.
package tykaistudio
