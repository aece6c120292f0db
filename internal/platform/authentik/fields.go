package authentik

// Terraform attribute names that error messages point at. Fields of the `authentik` block are dotted.
const (
	attrName        = "name"
	attrMembers     = "members"
	attrEmail       = "email"
	attrActive      = "active"
	attrPassword    = "password_wo"
	attrUserID      = "user_id"
	attrDescription = "description"
	attrExpiresAt   = "expires_at"

	attrUsername    = "authentik.username"
	attrPath        = "authentik.path"
	attrType        = "authentik.type"
	attrAttributes  = "authentik.attributes"
	attrIsSuperuser = "authentik.is_superuser"
	attrParents     = "authentik.parents"
	attrRoles       = "authentik.roles"
	attrIntent      = "authentik.intent"
	attrExpiring    = "authentik.expiring"
)

// terraformAttribute maps the field names authentik uses in validation errors to Terraform attribute names.
// The API's names do not collide across groups, users and tokens, so one table serves all three.
var terraformAttribute = map[string]string{
	"name":             attrName,
	"users":            attrMembers,
	"email":            attrEmail,
	"is_active":        attrActive,
	"username":         attrUsername,
	"path":             attrPath,
	"type":             attrType,
	"attributes":       attrAttributes,
	"is_superuser":     attrIsSuperuser,
	"parents":          attrParents,
	"roles":            attrRoles,
	"identifier":       attrName,
	"user":             attrUserID,
	"description":      attrDescription,
	"expires":          attrExpiresAt,
	"intent":           attrIntent,
	"expiring":         attrExpiring,
	"password":         attrPassword,
	"non_field_errors": "",
	"detail":           "",
}
