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
		Unsupported: map[Feature]string{},
	},
	Unleash: {
		Unsupported: map[Feature]string{
			{KindAPIKey, "user_id"}: "Unleash API tokens belong to the instance, not to a user",
		},
	},
	Secoda: {
		Unsupported: map[Feature]string{
			{KindAPIKey, ""}: "Secoda's API has no API-key endpoints; manage keys in Settings -> API",
		},
	},
	TykAIStudio: {
		Unsupported: map[Feature]string{},
	},
}
