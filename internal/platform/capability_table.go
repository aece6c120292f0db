package platform

// capabilityTable is the one place that says which platform lacks which feature. The provider checks it at
// plan time and the docs render it (see internal/provider's capability table template data).
var capabilityTable = map[Name]Capabilities{
	Authentik: {
		Available: true,
		Unsupported: map[Feature]string{
			{KindUserGroup, "description"}: "authentik groups have no description; keep notes in authentik.attributes",
			{KindUser, "role"}:             "authentik users have no single role; grant rights through group membership and authentik roles",
		},
	},
	Onyx: {
		Available: true,
		Unsupported: map[Feature]string{
			{KindUserGroup, "description"}: "Onyx user groups have no description",
			{KindUser, "password_wo"}:      "Onyx users are invited by email and set their own password (or use SSO); the API sets none",
			{KindAPIKey, "user_id"}:        "an Onyx API key gets a service-account user of its own; it cannot be issued for an existing user",
			{KindAPIKey, "description"}:    "Onyx API keys have no description",
			{KindAPIKey, "expires_at"}:     "Onyx API keys do not expire; use rotation_triggers to replace the key",
		},
		ReadOnly: map[Feature]string{
			{KindUser, "name"}: "Onyx takes the name from the person's own profile; the admin API cannot set it",
		},
		// An invitation belongs to one address, which is also the user's id.
		ReplaceOnChange: map[Kind][]string{KindUser: {"email"}},
	},
	Unleash: {
		Available: true,
		Unsupported: map[Feature]string{
			{KindAPIKey, "user_id"}:     "Unleash API tokens belong to the instance, not to a user",
			{KindAPIKey, "description"}: "Unleash API tokens have no description; put it in the name",
			{KindUser, "active"}:        "Unleash users cannot be deactivated; remove the user instead",
		},
		// The API can change a token's expiry only, and never a username.
		ReplaceOnChange: map[Kind][]string{
			KindUser:   {"unleash.username"},
			KindAPIKey: {"unleash.type", "unleash.environment", "unleash.projects"},
		},
		CreateOnly: map[Feature]string{
			{KindUser, "unleash.send_email"}: "Unleash sends the welcome e-mail only when the user is created",
		},
	},
	Secoda: {
		Available: true,
		Unsupported: map[Feature]string{
			{KindAPIKey, ""}:          "Secoda's API has no API-key endpoints; manage keys in Settings -> API",
			{KindUser, "active"}:      "Secoda's API cannot deactivate a member; remove the roster_user to remove them, or deactivate them in Secoda's UI",
			{KindUser, "password_wo"}: "Secoda users are invited by email and sign in through Secoda or SSO; the API sets no passwords",
		},
		// An invitation belongs to one address; changing it through the API is not documented.
		ReplaceOnChange: map[Kind][]string{KindUser: {"email"}},
	},
	TykAIStudio: {
		Available: true,
		Unsupported: map[Feature]string{
			{KindUserGroup, "description"}: "Tyk AI Studio groups (Teams) have no description",
			{KindUser, "active"}:           "Tyk AI Studio has no activation flag; set tyk_ai_studio.email_verified = false to block sign-in, or remove the user",
			{KindAPIKey, "description"}:    "a Tyk AI Studio key is the user's single current key and has no description",
			{KindAPIKey, "expires_at"}:     "Tyk AI Studio keys do not expire; use rotation_triggers to roll them",
			{KindEphemeralAPIKey, ""}: "a Tyk AI Studio user has one key and the API cannot revoke it: minting a short-lived key " +
				"would replace the user's current key, and closing it could only roll it again",
		},
		ReadOnly: map[Feature]string{
			{KindUser, "role"}: "Tyk AI Studio derives the role from tyk_ai_studio.is_admin and show_portal",
		},
		ReplaceOnChange: map[Kind][]string{KindAPIKey: {"user_id"}},
		CreateOnly: map[Feature]string{
			{KindUser, "password_wo_version"}: "Tyk AI Studio sets a password only when the user is created; the API ignores it on update. Reset it in the UI, or replace the user",
		},
	},
}
