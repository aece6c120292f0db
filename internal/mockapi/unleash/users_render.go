package unleash

import (
	"crypto/sha256"
	"encoding/hex"
)

// userJSON is userSchema as the real server fills it: keys of unset name, email and username are left out,
// and the enterprise-only columns are there as null.
func userJSON(u *user) map[string]any {
	out := map[string]any{
		"accountType":                "User",
		"id":                         u.id,
		"imageUrl":                   gravatar(u),
		"seenAt":                     nil,
		"loginAttempts":              0,
		"createdAt":                  formatTime(u.createdAt),
		"scimId":                     nil,
		"seatType":                   nil,
		"companyRole":                nil,
		"productUpdatesEmailConsent": nil,
		"rootRole":                   u.rootRole,
	}
	if u.name != "" {
		out["name"] = u.name
	}
	if u.email != "" {
		out["email"] = u.email
	}
	if u.username != "" {
		out["username"] = u.username
	}
	return out
}

// searchUserJSON is a search hit: the public columns only, so no rootRole, loginAttempts or createdAt.
func searchUserJSON(u *user) map[string]any {
	out := userJSON(u)
	for _, k := range []string{"rootRole", "loginAttempts", "createdAt"} {
		delete(out, k)
	}
	return out
}

// gravatar is the avatar URL Unleash derives from the email, or from the username when there is none.
func gravatar(u *user) string {
	key := u.email
	if key == "" {
		key = u.username
	}
	sum := sha256.Sum256([]byte(key))
	return "https://gravatar.com/avatar/" + hex.EncodeToString(sum[:]) + "?s=42&d=retro&r=g"
}

func roleJSON(r role) map[string]any {
	return map[string]any{"id": r.id, "name": r.name, "type": r.roleType, "description": r.description}
}
