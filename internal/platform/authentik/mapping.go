package authentik

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// Intents the provider manages. authentik also has "verification" and "recovery" tokens, which are created by
// flows, not by people, and which its API refuses to create.
const (
	intentAPI         = "api"
	intentAppPassword = "app_password"
)

// emptyObject is what Read reports for attributes the server sends as null or leaves out.
var emptyObject = json.RawMessage(`{}`)

// groupFromWire maps an authentik group to the neutral type. Members are sorted numerically, parents and roles
// lexically, so that the same server state always reads the same.
func groupFromWire(w groupWire) platform.Group {
	pks := slices.Clone(w.Users)
	slices.Sort(pks)
	members := make([]string, len(pks))
	for i, pk := range pks {
		members[i] = strconv.FormatInt(pk, 10)
	}
	superuser := w.IsSuperuser
	return platform.Group{
		ID:      w.PK,
		Name:    w.Name,
		Members: members,
		Extra: GroupExtra{
			IsSuperuser: &superuser,
			Parents:     apiutil.SortedCopy(w.Parents),
			Roles:       apiutil.SortedCopy(w.Roles),
			Attributes:  normalizeObject(w.Attributes),
		},
	}
}

// groupWriteFrom builds the POST/PATCH body of a group: the name always, everything else only when managed.
func groupWriteFrom(spec platform.GroupSpec) (groupWrite, error) {
	extra, err := platform.ExtraAs[GroupExtra](spec.Extra)
	if err != nil {
		return groupWrite{}, err
	}
	body := groupWrite{
		Name:        spec.Name,
		IsSuperuser: extra.IsSuperuser,
		Parents:     slices.Clone(extra.Parents),
		Roles:       slices.Clone(extra.Roles),
		Attributes:  nilIfEmpty(extra.Attributes),
	}
	if spec.Members != nil {
		body.Users = make([]int64, len(spec.Members))
		for i, id := range spec.Members {
			pk, err := parseUserID(id)
			if err != nil {
				return groupWrite{}, fmt.Errorf("%s: %w", platform.FieldMembers, err)
			}
			body.Users[i] = pk
		}
	}
	return body, nil
}

// userFromWire maps an authentik user to the neutral type.
func userFromWire(w userWire) platform.User {
	return platform.User{
		ID:     strconv.FormatInt(w.PK, 10),
		Email:  w.Email,
		Name:   w.Name,
		Active: w.IsActive,
		// The accounts authentik makes for its outposts are service accounts too.
		ServiceAccount: w.Type == typeServiceAccount || w.Type == typeInternalServiceAccount,
		Extra: UserExtra{
			Username:   w.Username,
			Path:       w.Path,
			Type:       w.Type,
			Attributes: normalizeObject(w.Attributes),
			Roles:      apiutil.SortedCopy(w.Roles),
		},
	}
}

// userWriteFrom builds the POST/PATCH body of a user. On create an unset username falls back to the email,
// because authentik requires a username and most people log in with their email anyway; on update it is left
// out so the login name does not change behind the user's back when the email does.
func userWriteFrom(spec platform.UserSpec, creating bool) (userWrite, error) {
	extra, err := platform.ExtraAs[UserExtra](spec.Extra)
	if err != nil {
		return userWrite{}, err
	}
	body := userWrite{
		Username:   extra.Username,
		Name:       spec.Name,
		Email:      spec.Email,
		IsActive:   spec.Active,
		Attributes: nilIfEmpty(extra.Attributes),
		Path:       extra.Path,
		Type:       extra.Type,
		Roles:      slices.Clone(extra.Roles),
	}
	if creating && body.Username == "" {
		body.Username = spec.Email
	}
	// A service account is a user of that type, on the plain users endpoint: the service_account shortcut
	// would also make an app_password token (and optionally a group) that Terraform does not manage.
	if spec.ServiceAccount && body.Type == "" {
		body.Type = typeServiceAccount
	}
	return body, nil
}

// tokenFromWire maps an authentik token to the neutral type. ExpiresAt is nil for a token that never expires,
// even if the server still keeps a (then meaningless) date.
func tokenFromWire(w tokenWire) platform.APIKey {
	key := platform.APIKey{
		ID:          w.Identifier,
		Name:        w.Identifier,
		Description: w.Description,
		Extra: APIKeyExtra{
			Intent:   w.Intent,
			Expiring: &w.Expiring,
		},
	}
	if w.User != 0 {
		key.UserID = strconv.FormatInt(w.User, 10)
	}
	if w.Expiring && w.Expires != nil {
		at := w.Expires.UTC()
		key.ExpiresAt = &at
	}
	return key
}

// tokenWriteFrom builds the POST/PATCH body of a token. Intent is always sent because authentik resets an
// omitted intent to "api" on every write. The expiry is sent only for app passwords: for api tokens the
// server ignores it and sets now + the tenant's default token duration.
func tokenWriteFrom(spec platform.APIKeySpec) (tokenWrite, error) {
	extra, err := platform.ExtraAs[APIKeyExtra](spec.Extra)
	if err != nil {
		return tokenWrite{}, err
	}
	body := tokenWrite{
		Identifier:  spec.Name,
		Intent:      intentOrDefault(extra.Intent),
		Description: spec.Description,
		Expiring:    extra.Expiring,
	}
	if spec.UserID != "" {
		pk, err := parseUserID(spec.UserID)
		if err != nil {
			return tokenWrite{}, platform.InvalidField(platform.FieldUserID, err.Error())
		}
		body.User = &pk
	}
	if body.Intent == intentAppPassword && spec.ExpiresAt != nil {
		at := spec.ExpiresAt.UTC().Truncate(time.Microsecond) // the server stores microseconds
		body.Expires = &at
	}
	return body, nil
}

func intentOrDefault(intent string) string {
	if intent == "" {
		return intentAPI
	}
	return intent
}

// normalizeObject compacts a JSON object and turns null or nothing into {}, so Read reports attributes the
// same way whatever whitespace the server used.
func normalizeObject(raw json.RawMessage) json.RawMessage {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return slices.Clone(emptyObject)
	}
	var out bytes.Buffer
	if err := json.Compact(&out, trimmed); err != nil {
		return slices.Clone(trimmed)
	}
	return out.Bytes()
}

// nilIfEmpty treats an empty RawMessage like nil ("unmanaged"); an empty one would not even be valid JSON.
func nilIfEmpty(raw json.RawMessage) json.RawMessage {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	return raw
}
