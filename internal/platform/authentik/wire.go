package authentik

import (
	"encoding/json"
	"time"
)

// Wire structs mirror the authentik API v3 schemas (Group, User, Token and their request bodies). Response
// structs list only the fields the client maps; write structs use omitzero so that a nil pointer or slice is
// left out of a PATCH while an empty, non-nil slice is sent as [] ("no members").

// groupWire is the Group response.
type groupWire struct {
	PK          string          `json:"pk"`
	Name        string          `json:"name"`
	IsSuperuser bool            `json:"is_superuser"`
	Parents     []string        `json:"parents"`
	Users       []int64         `json:"users"`
	Attributes  json.RawMessage `json:"attributes"`
	Roles       []string        `json:"roles"`
}

// groupWrite is the body of a group POST or PATCH (GroupRequest / PatchedGroupRequest).
type groupWrite struct {
	Name        string          `json:"name"`
	IsSuperuser *bool           `json:"is_superuser,omitzero"`
	Parents     []string        `json:"parents,omitzero"`
	Users       []int64         `json:"users,omitzero"`
	Attributes  json.RawMessage `json:"attributes,omitzero"`
	Roles       []string        `json:"roles,omitzero"`
}

// userWire is the User response.
type userWire struct {
	PK         int64           `json:"pk"`
	Username   string          `json:"username"`
	Name       string          `json:"name"`
	IsActive   bool            `json:"is_active"`
	Email      string          `json:"email"`
	Attributes json.RawMessage `json:"attributes"`
	Path       string          `json:"path"`
	Type       string          `json:"type"`
	Roles      []string        `json:"roles"`
}

// userWrite is the body of a user POST or PATCH (UserRequest / PatchedUserRequest). It never carries groups:
// membership is managed from the group side. Roles are sent only when managed.
type userWrite struct {
	Username   string          `json:"username,omitzero"`
	Name       string          `json:"name"`
	Email      string          `json:"email"`
	IsActive   *bool           `json:"is_active,omitzero"`
	Attributes json.RawMessage `json:"attributes,omitzero"`
	Path       string          `json:"path,omitzero"`
	Type       string          `json:"type,omitzero"`
	Roles      []string        `json:"roles,omitzero"`
}

// passwordWrite is the body of POST /core/users/{id}/set_password/.
type passwordWrite struct {
	Password string `json:"password"`
}

// tokenWire is the Token response. It never holds the key; that comes from view_key.
type tokenWire struct {
	Identifier  string     `json:"identifier"`
	Intent      string     `json:"intent"`
	User        int64      `json:"user"`
	Description string     `json:"description"`
	Expires     *time.Time `json:"expires"`
	Expiring    bool       `json:"expiring"`
}

// tokenWrite is the body of a token POST or PATCH (TokenRequest / PatchedTokenRequest).
type tokenWrite struct {
	Identifier  string     `json:"identifier"`
	Intent      string     `json:"intent"`
	User        *int64     `json:"user,omitzero"`
	Description string     `json:"description"`
	Expires     *time.Time `json:"expires,omitzero"`
	Expiring    *bool      `json:"expiring,omitzero"`
}

// tokenKeyWire is the TokenView response of GET /core/tokens/{identifier}/view_key/.
type tokenKeyWire struct {
	Key string `json:"key"`
}

// pageWire is the envelope of every paginated list. The schema types the pagination numbers as "number",
// so they are decoded as float64 to accept 2 as well as 2.0.
type pageWire[T any] struct {
	Pagination struct {
		Next       float64 `json:"next"`
		Current    float64 `json:"current"`
		TotalPages float64 `json:"total_pages"`
	} `json:"pagination"`
	Results []T `json:"results"`
}
