package onyx

import (
	"fmt"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Messages the server sends, verbatim where the reference quotes them.
const (
	msgNotAuthenticated = "Access denied. User is not authenticated."
	msgLimited          = "Access denied. User has limited permissions."
	// msgNotAdmin is v4.6's current_admin_user refusal (wording inferred; the reference quotes only
	// the curator variant below).
	msgNotAdmin             = "Access denied. User is not an admin."
	msgNotCuratorOrAdmin    = "Access denied. User is not a curator or admin."
	msgInsufficient         = "You do not have the required permissions for this action."
	msgSyncing              = "Specified user group is currently syncing. Wait until the current sync has finished before editing."
	msgDeleteDefault        = "Cannot delete a default system group."
	msgRenameDefault        = "Cannot rename a default system group."
	msgManagerDefault       = "Cannot set a manager of a default system group."
	msgDefaultNoConnectors  = "A default system group holds only members, so it can't take connectors."
	msgUserNotFound         = "User not found"
	msgCannotDeactivateSelf = "You cannot deactivate yourself"
	msgDeactivateFirst      = "User must be deactivated before deleting"
	msgNotFound             = "Not Found"
	// msgPermissionsGroupNotFound is the permission routes' own wording for an unknown group id.
	msgPermissionsGroupNotFound = "User group not found"
	msgMethodNotAllowed         = "Method Not Allowed"
)

// Error codes of OnyxError bodies (current generation).
const (
	codeNotFound          = "NOT_FOUND"
	codeConflict          = "CONFLICT"
	codeDuplicate         = "DUPLICATE_RESOURCE"
	codeInvalidInput      = "INVALID_INPUT"
	codeInsufficientPerms = "INSUFFICIENT_PERMISSIONS"
)

func msgGroupNotFound(id int) string { return fmt.Sprintf("UserGroup with id '%d' not found", id) }

func msgDuplicateGroup(name string) string {
	return fmt.Sprintf("User group with name '%s' already exists. Please choose a different name.", name)
}

func msgDuplicateRename(name string) string {
	return fmt.Sprintf("User group with name '%s' already exists.", name)
}

func msgNotMember(userID string, groupID int) string {
	return fmt.Sprintf("User '%s' is not a member of group '%d'", userID, groupID)
}

func msgKeyNotFound(id int) string { return fmt.Sprintf("API key with id %d does not exist", id) }

// detailBody is an HTTPException's body.
type detailBody struct {
	Detail string `json:"detail"`
}

// onyxErrorBody is an OnyxError's body.
type onyxErrorBody struct {
	ErrorCode string `json:"error_code"`
	Detail    string `json:"detail"`
}

// writeDetail answers like an HTTPException: {"detail": msg}.
func writeDetail(w http.ResponseWriter, status int, msg string) {
	mockapi.WriteJSON(w, status, detailBody{Detail: msg})
}

// writeOnyxError answers like an OnyxError on the current generation, {"error_code", "detail"}. v4.6
// raised HTTPExceptions for the same cases, so there the body is {"detail"} alone.
func (s *Server) writeOnyxError(w http.ResponseWriter, status int, code, msg string) {
	if !s.current() {
		writeDetail(w, status, msg)
		return
	}
	mockapi.WriteJSON(w, status, onyxErrorBody{ErrorCode: code, Detail: msg})
}

// writeValueError is the global handler for an uncaught ValueError: 400 with "message", not "detail".
func writeValueError(w http.ResponseWriter, msg string) {
	mockapi.WriteJSON(w, http.StatusBadRequest, map[string]string{"message": msg})
}

// writeValidation is Onyx's custom answer to a request that fails validation, not FastAPI's default
// {"detail": [...]}.
func writeValidation(w http.ResponseWriter, msg string) {
	mockapi.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"status_code": http.StatusUnprocessableEntity, "message": msg, "data": nil})
}

// writeNull is the 200 answer of every handler that returns None.
func writeNull(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("null"))
}
