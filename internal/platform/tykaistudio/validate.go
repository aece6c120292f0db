package tykaistudio

import (
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// The API validates almost nothing (an empty body creates a user with email ""), so the rules below
// are the provider's own, checked at plan time and again before each write. An empty id stands for
// a value not known yet at plan time and is skipped.

// ValidateGroup implements platform.GroupValidator. It makes no request.
func (c *Client) ValidateGroup(spec platform.GroupSpec) []platform.FieldError {
	var errs fieldErrors
	if strings.TrimSpace(spec.Name) == "" {
		errs.add(platform.FieldName, "must not be empty: Tyk AI Studio requires a group name")
	}
	if spec.Description != nil && *spec.Description != "" {
		errs.add(platform.FieldDescription, "Tyk AI Studio groups have no description")
	}
	errs.checkIDs(platform.FieldMembers, spec.Members, "user ids")
	extra, err := platform.ExtraAs[GroupExtra](spec.Extra)
	if err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	errs.checkIDs(fieldCatalogueIDs, extra.CatalogueIDs, "catalogue ids")
	errs.checkIDs(fieldDataCatalogueIDs, extra.DataCatalogueIDs, "data catalogue ids")
	errs.checkIDs(fieldToolCatalogueIDs, extra.ToolCatalogueIDs, "tool catalogue ids")
	return errs
}

// ValidateUser implements platform.UserValidator.
func (c *Client) ValidateUser(spec platform.UserSpec) []platform.FieldError {
	var errs fieldErrors
	extra, err := platform.ExtraAs[UserExtra](spec.Extra)
	if err != nil {
		return append(errs, platform.FieldError{Message: err.Error()})
	}
	if strings.TrimSpace(spec.Email) == "" {
		errs.add(platform.FieldEmail, "is required on Tyk AI Studio (the API would accept a user without one, and then no second one)")
	}
	if strings.TrimSpace(spec.Name) == "" {
		errs.add(platform.FieldName, "is required on Tyk AI Studio")
	}
	if spec.Role != nil {
		errs.add(platform.FieldRole, "cannot be set on Tyk AI Studio: the server computes it (Super Admin, Admin, Developer, Chat user) "+
			"from tyk_ai_studio.is_admin and tyk_ai_studio.show_portal; set those instead")
	}
	if spec.Active != nil && !*spec.Active {
		errs.add(platform.FieldActive, "Tyk AI Studio has no activation flag: every user is active. Set tyk_ai_studio.email_verified = false "+
			"to block sign-in, or remove the user")
	}
	if spec.Password != nil && *spec.Password == "" {
		errs.add(platform.FieldPassword, "must not be empty: Tyk AI Studio would let the user log in with an empty password")
	}
	isAdmin := extra.IsAdmin != nil && *extra.IsAdmin
	if extra.NotificationsEnabled != nil && *extra.NotificationsEnabled && !isAdmin {
		errs.add(fieldNotificationsEnabled, "can be true only for admins: set tyk_ai_studio.is_admin = true as well")
	}
	if extra.AccessToSSOConfig != nil && *extra.AccessToSSOConfig && !isAdmin {
		errs.add(fieldAccessToSSOConfig, "can be true only for admins: set tyk_ai_studio.is_admin = true as well")
	}
	return errs
}

// ValidateAPIKey implements platform.APIKeyValidator. A key belongs to a user and has nothing else.
func (c *Client) ValidateAPIKey(spec platform.APIKeySpec) []platform.FieldError {
	var errs fieldErrors
	if spec.UserID == "" {
		errs.add(platform.FieldUserID, "is required on Tyk AI Studio: a key is the API key of one user")
	} else if err := checkUserID(spec.UserID); err != nil {
		errs.add(platform.FieldUserID, err.Error())
	}
	if spec.Description != "" {
		errs.add(platform.FieldDescription, "Tyk AI Studio keys have no description")
	}
	if spec.ExpiresAt != nil {
		errs.add(platform.FieldExpiresAt, "Tyk AI Studio keys do not expire; replace the key (rotation_triggers) to roll it")
	}
	if _, err := platform.ExtraAs[APIKeyExtra](spec.Extra); err != nil {
		errs = append(errs, platform.FieldError{Message: err.Error()})
	}
	return errs
}

// fieldErrors collects findings.
type fieldErrors []platform.FieldError

func (e *fieldErrors) add(field platform.Field, msg string) {
	*e = append(*e, platform.FieldError{Field: field, Message: msg})
}

func (e *fieldErrors) checkIDs(field platform.Field, ids []string, what string) {
	for _, id := range ids {
		if id == "" {
			continue
		}
		if _, ok := parseID(id); !ok {
			e.add(field, "Tyk AI Studio "+what+" are positive integers; got \""+id+"\"")
		}
	}
}
