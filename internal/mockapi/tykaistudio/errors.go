package tykaistudio

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Messages the server sends, verbatim.
const (
	msgRecordNotFound      = "record not found"
	msgUserNotFound        = "User not found"
	msgGroupNotFound       = "Group not found"
	msgInvalidUserID       = "Invalid user ID"
	msgInvalidGroupID      = "Invalid group ID"
	msgEmailInUse          = "Email is already in use"
	msgNotificationsAdmin  = "notifications can only be enabled for admin users"
	msgSSOConfigAdmin      = "access to IdP configuration can only be enabled for admin users"
	msgGroupsNotFound      = "groups not found"
	msgSuperAdminUndelete  = "super admin user cannot be deleted"
	msgDefaultUndeletable  = "Cannot delete the Default group"
	msgGroupNameRequired   = "group name is required"
	msgGroupNameExists     = "group name already exists"
	msgMalformedBody       = "malformed request body: "
	msgEnterpriseRequired  = "Group management requires Enterprise Edition"
	msgUpdateGroupUsers    = "Failed to update group users: "
	msgInvalidPageNumber   = "Invalid page number"
	msgNoSuchColumnPrefix  = "no such column: "
	msgInvalidCatalogueID  = "Invalid catalogue ID"
	msgInvalidRelationBody = "Invalid request body"
)

type errorItem struct {
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

type errorsBody struct {
	Errors []errorItem `json:"errors"`
}

// writeError answers a handler error: always one element, titled with the HTTP reason phrase.
func writeError(w http.ResponseWriter, status int, detail string) {
	mockapi.WriteJSON(w, status, errorsBody{Errors: []errorItem{{Title: http.StatusText(status), Detail: detail}}})
}

// writeRecordNotFound is GORM's ErrRecordNotFound surfacing as a 500, which is what the real server
// answers on most writes to a missing or soft-deleted object.
func writeRecordNotFound(w http.ResponseWriter) {
	writeError(w, http.StatusInternalServerError, msgRecordNotFound)
}
