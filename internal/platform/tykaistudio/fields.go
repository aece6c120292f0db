package tykaistudio

import "github.com/rosterhq/terraform-provider-roster/internal/platform"

// The fields only Tyk AI Studio has, in its Extra of each type.
var (
	fieldIsAdmin              = platform.ExtraField(Name, "is_admin", platform.KindUser)
	fieldShowChat             = platform.ExtraField(Name, "show_chat", platform.KindUser)
	fieldShowPortal           = platform.ExtraField(Name, "show_portal", platform.KindUser)
	fieldEmailVerified        = platform.ExtraField(Name, "email_verified", platform.KindUser)
	fieldNotificationsEnabled = platform.ExtraField(Name, "notifications_enabled", platform.KindUser)
	fieldAccessToSSOConfig    = platform.ExtraField(Name, "access_to_sso_config", platform.KindUser)
	fieldCatalogueIDs         = platform.ExtraField(Name, "catalogue_ids", platform.KindUserGroup)
	fieldDataCatalogueIDs     = platform.ExtraField(Name, "data_catalogue_ids", platform.KindUserGroup)
	fieldToolCatalogueIDs     = platform.ExtraField(Name, "tool_catalogue_ids", platform.KindUserGroup)
)

// wireFields maps the API's attribute names (as they appear in Go's JSON decoding messages,
// ".data.attributes.<name>") to fields.
var wireFields = map[string]platform.Field{
	"name":                  platform.FieldName,
	"email":                 platform.FieldEmail,
	"password":              platform.FieldPassword,
	"members":               platform.FieldMembers,
	"is_admin":              fieldIsAdmin,
	"show_chat":             fieldShowChat,
	"show_portal":           fieldShowPortal,
	"email_verified":        fieldEmailVerified,
	"notifications_enabled": fieldNotificationsEnabled,
	"access_to_sso_config":  fieldAccessToSSOConfig,
	"catalogues":            fieldCatalogueIDs,
	"data_catalogues":       fieldDataCatalogueIDs,
	"tool_catalogues":       fieldToolCatalogueIDs,
}
