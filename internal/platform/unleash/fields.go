package unleash

import "github.com/rosterhq/terraform-provider-roster/internal/platform"

// The fields only Unleash has, in its Extra of each type.
var (
	fieldUsername     = platform.ExtraField(Name, "username", platform.KindUser)
	fieldSendEmail    = platform.ExtraField(Name, "send_email", platform.KindUser)
	fieldRootRole     = platform.ExtraField(Name, "root_role", platform.KindUserGroup)
	fieldSSOMappings  = platform.ExtraField(Name, "sso_mappings", platform.KindUserGroup)
	fieldProjectRoles = platform.ExtraField(Name, "project_roles", platform.KindUserGroup)
	fieldType         = platform.ExtraField(Name, "type", platform.KindAPIKey)
	fieldEnvironment  = platform.ExtraField(Name, "environment", platform.KindAPIKey)
	fieldProjects     = platform.ExtraField(Name, "projects", platform.KindAPIKey)
)

// apiFields maps the body properties Unleash names in error details (as "/body/<name>" or bare) to fields. rootRole is a user's role here; group calls rename it (see groupFields).
var apiFields = map[string]platform.Field{
	"email":       platform.FieldEmail,
	"name":        platform.FieldName,
	"username":    fieldUsername,
	"password":    platform.FieldPassword,
	"rootRole":    platform.FieldRole,
	"sendEmail":   fieldSendEmail,
	"tokenName":   platform.FieldName,
	"type":        fieldType,
	"environment": fieldEnvironment,
	"projects":    fieldProjects,
	"expiresAt":   platform.FieldExpiresAt,
	"users":       platform.FieldMembers,
	"mappingsSSO": fieldSSOMappings,
	"description": platform.FieldDescription,
	"roles":       fieldProjectRoles,
}

// serviceMessageFields pins service errors, which name no path, on an attribute by their wording.
var serviceMessageFields = []struct {
	prefix string
	field  platform.Field
}{
	{"User already exists", platform.FieldEmail},
	{"You must specify username or email", platform.FieldEmail},
	{`"value" must be a valid email`, platform.FieldEmail},
	{"Could not find rootRole=", platform.FieldRole},
	{"Environment=", fieldEnvironment},
	{"Project=", fieldProjects},
	{"Client token cannot be scoped to all environments", fieldEnvironment},
	{"Frontend token cannot be scoped to all environments", fieldEnvironment},
	{"Group name", platform.FieldName},
	{"Incorrect role id", fieldRootRole},
	{"Incorrect user id", platform.FieldMembers},
	{"Cannot update the name of a SCIM group", platform.FieldName},
	{"Cannot update users of a SCIM group", platform.FieldMembers},
	{"The password", platform.FieldPassword},
	{"Password cannot be empty", platform.FieldPassword},
}
