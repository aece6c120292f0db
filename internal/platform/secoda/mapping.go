package secoda

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// groupFromWire maps a Secoda group to the neutral type. Members are sorted so the same server state always
// reads the same.
func groupFromWire(w groupWire) platform.Group {
	icon := string(w.Icon)
	return platform.Group{
		ID:          w.ID,
		Name:        string(w.Name),
		Description: string(w.Description),
		Members:     apiutil.SortedCopy(w.Users),
		Extra:       GroupExtra{Icon: &icon},
	}
}

// groupWriteFrom builds the POST/PATCH body of a group: the name always, everything else only when managed.
func groupWriteFrom(spec platform.GroupSpec) (groupWrite, error) {
	extra, err := platform.ExtraAs[GroupExtra](spec.Extra)
	if err != nil {
		return groupWrite{}, err
	}
	for _, id := range spec.Members {
		if !isUUID(id) {
			return groupWrite{}, fmt.Errorf("%s: %w", platform.FieldMembers, checkUserID(id))
		}
	}
	return groupWrite{
		Name:        spec.Name,
		Description: spec.Description,
		Icon:        extra.Icon,
		Users:       slices.Clone(spec.Members),
	}, nil
}

// userFromWire maps a Secoda user to the neutral type. The role is lowercased because Secoda documents its
// choices capitalised in one place and lowercase in another. Active is false for a member deactivated in
// Secoda's UI (`disabled`).
func userFromWire(w userWire) platform.User {
	role := string(w.Role)
	if role == "" {
		role = string(w.ModelRole)
	}
	extra := UserExtra{Pending: bool(w.Pending)}
	if w.Teams != nil {
		extra.Teams = apiutil.SortedCopy(w.Teams)
	}
	return platform.User{
		ID:     w.ID,
		Email:  string(w.Email),
		Name:   joinName(string(w.FirstName), string(w.LastName)),
		Role:   strings.ToLower(strings.TrimSpace(role)),
		Active: !bool(w.Disabled),
		Extra:  extra,
	}
}

// userWriteFrom builds the POST (invitation) or PATCH body of a user. An empty Name leaves first_name and
// last_name alone: the provider passes the state's name when the configuration has none. The role is sent
// lowercase, the form Secoda returns. Active has no field to go to: CreateUser and UpdateUser check it.
func userWriteFrom(spec platform.UserSpec) (userWrite, error) {
	extra, err := platform.ExtraAs[UserExtra](spec.Extra)
	if err != nil {
		return userWrite{}, err
	}
	if spec.Password != nil {
		return userWrite{}, unsupportedUserField(platform.FieldPassword, reasonNoPassword)
	}
	body := userWrite{Email: strings.TrimSpace(spec.Email), Teams: slices.Clone(extra.Teams)}
	if spec.Name != "" {
		first, last := splitName(spec.Name)
		body.FirstName, body.LastName = &first, &last
	}
	if spec.Role != nil {
		body.Role = normalizeRole(*spec.Role)
	}
	return body, nil
}

func normalizeRole(role string) string { return strings.ToLower(strings.TrimSpace(role)) }

// Reasons for the user fields Secoda's API cannot set.
const (
	reasonNoPassword     = "Secoda users are invited by email and sign in through Secoda or SSO; the API sets no passwords"
	reasonNoDeactivation = "Secoda's API has no field to deactivate a user; remove the roster_user to remove the member, or deactivate them in Secoda's UI"
	reasonNoReactivation = "Secoda's API has no field to re-activate a user; re-activate them in Secoda's UI, or remove the roster_user"
)

// activationReason says why the API cannot bring the member u to the other activation state.
func activationReason(u platform.User) string {
	if u.Active {
		return fmt.Sprintf("%s (%s) is active: %s", u.Email, u.ID, reasonNoDeactivation)
	}
	return fmt.Sprintf("%s (%s) is deactivated: %s", u.Email, u.ID, reasonNoReactivation)
}

func unsupportedUserField(field platform.Field, reason string) error {
	return &platform.UnsupportedError{
		Platform: Name,
		Feature:  platform.Feature{Kind: platform.KindUser, Field: field},
		Reason:   reason,
	}
}
