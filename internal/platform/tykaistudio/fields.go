package tykaistudio

// Terraform attribute names that error messages point at. Fields of the `tyk_ai_studio` block are dotted.
const (
	attrName        = "name"
	attrDescription = "description"
	attrMembers     = "members"
	attrEmail       = "email"
	attrRole        = "role"
	attrActive      = "active"
	attrPassword    = "password_wo"
	attrUserID      = "user_id"
	attrExpiresAt   = "expires_at"

	attrIsAdmin              = "tyk_ai_studio.is_admin"
	attrShowChat             = "tyk_ai_studio.show_chat"
	attrShowPortal           = "tyk_ai_studio.show_portal"
	attrEmailVerified        = "tyk_ai_studio.email_verified"
	attrNotificationsEnabled = "tyk_ai_studio.notifications_enabled"
	attrAccessToSSOConfig    = "tyk_ai_studio.access_to_sso_config"
	attrCatalogueIDs         = "tyk_ai_studio.catalogue_ids"
	attrDataCatalogueIDs     = "tyk_ai_studio.data_catalogue_ids"
	attrToolCatalogueIDs     = "tyk_ai_studio.tool_catalogue_ids"
)

// wireAttribute maps the API's attribute names (as they appear in Go's JSON decoding messages,
// ".data.attributes.<name>") to Terraform attribute names.
var wireAttribute = map[string]string{
	"name":                  attrName,
	"email":                 attrEmail,
	"password":              attrPassword,
	"members":               attrMembers,
	"is_admin":              attrIsAdmin,
	"show_chat":             attrShowChat,
	"show_portal":           attrShowPortal,
	"email_verified":        attrEmailVerified,
	"notifications_enabled": attrNotificationsEnabled,
	"access_to_sso_config":  attrAccessToSSOConfig,
	"catalogues":            attrCatalogueIDs,
	"data_catalogues":       attrDataCatalogueIDs,
	"tool_catalogues":       attrToolCatalogueIDs,
}
