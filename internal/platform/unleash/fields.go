package unleash

// Terraform attribute names that error messages point at. Fields of the `unleash` block are dotted.
const (
	attrName        = "name"
	attrEmail       = "email"
	attrRole        = "role"
	attrActive      = "active"
	attrPassword    = "password_wo"
	attrMembers     = "members"
	attrDescription = "description"
	attrExpiresAt   = "expires_at"
	attrUserID      = "user_id"

	attrUsername    = "unleash.username"
	attrSendEmail   = "unleash.send_email"
	attrRootRole    = "unleash.root_role"
	attrSSOMappings = "unleash.sso_mappings"
	attrType        = "unleash.type"
	attrEnvironment = "unleash.environment"
	attrProjects    = "unleash.projects"
)

// terraformAttribute maps the body properties Unleash names in error details (as "/body/<name>" or bare) to
// Terraform attributes. rootRole is a user's role here; group calls rename it (see groupFields).
var terraformAttribute = map[string]string{
	"email":       attrEmail,
	"name":        attrName,
	"username":    attrUsername,
	"password":    attrPassword,
	"rootRole":    attrRole,
	"sendEmail":   attrSendEmail,
	"tokenName":   attrName,
	"type":        attrType,
	"environment": attrEnvironment,
	"projects":    attrProjects,
	"expiresAt":   attrExpiresAt,
	"users":       attrMembers,
	"mappingsSSO": attrSSOMappings,
	"description": attrDescription,
}

// serviceMessageFields pins service errors, which name no path, on an attribute by their wording.
var serviceMessageFields = []struct {
	prefix, attr string
}{
	{"User already exists", attrEmail},
	{"You must specify username or email", attrEmail},
	{`"value" must be a valid email`, attrEmail},
	{"Could not find rootRole=", attrRole},
	{"Environment=", attrEnvironment},
	{"Project=", attrProjects},
	{"Client token cannot be scoped to all environments", attrEnvironment},
	{"Frontend token cannot be scoped to all environments", attrEnvironment},
	{"Group name", attrName},
	{"Incorrect role id", attrRootRole},
	{"Incorrect user id", attrMembers},
	{"Cannot update the name of a SCIM group", attrName},
	{"Cannot update users of a SCIM group", attrMembers},
	{"The password", attrPassword},
	{"Password cannot be empty", attrPassword},
}
