package authentik

import "github.com/rosterhq/terraform-provider-roster/internal/platform"

// The fields only authentik has, in its Extra of each type.
var (
	fieldUsername    = platform.ExtraField(Name, "username", platform.KindUser)
	fieldPath        = platform.ExtraField(Name, "path", platform.KindUser)
	fieldType        = platform.ExtraField(Name, "type", platform.KindUser)
	fieldAttributes  = platform.ExtraField(Name, "attributes", platform.KindUserGroup, platform.KindUser)
	fieldIsSuperuser = platform.ExtraField(Name, "is_superuser", platform.KindUserGroup)
	fieldParents     = platform.ExtraField(Name, "parents", platform.KindUserGroup)
	fieldRoles       = platform.ExtraField(Name, "roles", platform.KindUserGroup, platform.KindUser)
	fieldIntent      = platform.ExtraField(Name, "intent", platform.KindAPIKey)
	fieldExpiring    = platform.ExtraField(Name, "expiring", platform.KindAPIKey)
)

// apiFields maps the field names authentik uses in validation errors to fields; the zero Field is the whole
// object. The API's names do not collide across groups, users and tokens, so one table serves all three.
var apiFields = map[string]platform.Field{
	"name":             platform.FieldName,
	"users":            platform.FieldMembers,
	"email":            platform.FieldEmail,
	"is_active":        platform.FieldActive,
	"username":         fieldUsername,
	"path":             fieldPath,
	"type":             fieldType,
	"attributes":       fieldAttributes,
	"is_superuser":     fieldIsSuperuser,
	"parents":          fieldParents,
	"roles":            fieldRoles,
	"identifier":       platform.FieldName,
	"user":             platform.FieldUserID,
	"description":      platform.FieldDescription,
	"expires":          platform.FieldExpiresAt,
	"intent":           fieldIntent,
	"expiring":         fieldExpiring,
	"password":         platform.FieldPassword,
	"non_field_errors": {},
	"detail":           {},
}
