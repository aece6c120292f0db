package secoda

// Terraform attribute names that error messages point at. Fields of the `secoda` block are dotted.
const (
	attrName        = "name"
	attrDescription = "description"
	attrMembers     = "members"
	attrEmail       = "email"
	attrRole        = "role"
	attrActive      = "active"
	attrPassword    = "password_wo"

	attrIcon  = "secoda.icon"
	attrTeams = "secoda.teams"
)

// terraformAttribute maps the field names Secoda uses in validation errors to Terraform attribute names.
// Groups and users share no field name with different meanings, so one table serves both. first_name and
// last_name both come from the portable `name`; `_role` is the model's name for the role, which the API
// may use in its messages; `emails` is the bulk-invite spelling of one of Secoda's examples.
var terraformAttribute = map[string]string{
	"name":             attrName,
	"description":      attrDescription,
	"users":            attrMembers,
	"icon":             attrIcon,
	"email":            attrEmail,
	"emails":           attrEmail,
	"first_name":       attrName,
	"last_name":        attrName,
	"role":             attrRole,
	"_role":            attrRole,
	"teams":            attrTeams,
	"non_field_errors": "",
	"detail":           "",
}
