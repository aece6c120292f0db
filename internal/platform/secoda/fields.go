package secoda

import "github.com/rosterhq/terraform-provider-roster/internal/platform"

// The fields only Secoda has, in its Extra of each type.
var (
	fieldIcon  = platform.ExtraField(Name, "icon", platform.KindUserGroup)
	fieldTeams = platform.ExtraField(Name, "teams", platform.KindUser)
)

// apiFields maps the field names Secoda uses in validation errors to fields; the zero Field is the whole
// object. Groups and users share no field name with different meanings, so one table serves both.
// first_name and last_name both come from the portable name; `_role` is the model's name for the role,
// which the API may use in its messages; `emails` is the bulk-invite spelling of one of Secoda's examples.
var apiFields = map[string]platform.Field{
	"name":             platform.FieldName,
	"description":      platform.FieldDescription,
	"users":            platform.FieldMembers,
	"icon":             fieldIcon,
	"email":            platform.FieldEmail,
	"emails":           platform.FieldEmail,
	"first_name":       platform.FieldName,
	"last_name":        platform.FieldName,
	"role":             platform.FieldRole,
	"_role":            platform.FieldRole,
	"teams":            fieldTeams,
	"non_field_errors": {},
	"detail":           {},
}
