package tykaistudio

import (
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// UserExtra holds the user fields only Tyk AI Studio has (the `tyk_ai_studio` block of roster_user).
//
// In a spec a nil pointer means "Terraform does not manage it": a create leaves it to the server
// (which defaults every flag to false), an update sends the server's current value back (the API's
// PATCH replaces the whole user, so nothing can simply be left out). Read always fills every field.
type UserExtra struct {
	// IsAdmin grants the admin UI and the /api/v1 API.
	IsAdmin *bool
	// ShowChat is "access to Chat" in the UI.
	ShowChat *bool
	// ShowPortal is "access to the AI Portal" (the developer role).
	ShowPortal *bool
	// EmailVerified must be true for the user's password login and API key to work.
	EmailVerified *bool
	// NotificationsEnabled may be true only for admins.
	NotificationsEnabled *bool
	// AccessToSSOConfig (access to the IdP configuration) may be true only for admins.
	AccessToSSOConfig *bool
}

// GroupExtra holds the group fields only Tyk AI Studio has (the `tyk_ai_studio` block of
// roster_user_group): the ids of the catalogues the group grants. A nil slice is unmanaged (an
// update sends the current list back); an empty one means "none". Read fills all three, sorted.
type GroupExtra struct {
	// CatalogueIDs are LLM catalogues.
	CatalogueIDs     []string
	DataCatalogueIDs []string
	ToolCatalogueIDs []string
}

// APIKeyExtra is empty: a Tyk AI Studio key has no settings of its own.
type APIKeyExtra struct{}

// Platform implements platform.Extra.
func (UserExtra) Platform() platform.Name { return Name }

// Platform implements platform.Extra.
func (GroupExtra) Platform() platform.Name { return Name }

// Platform implements platform.Extra.
func (APIKeyExtra) Platform() platform.Name { return Name }
