package secoda

// Wire structs mirror Secoda's v1_UserGroupResponse and v1_UsersResponse schemas and the create/update
// request bodies. Response structs list only the fields the client maps, decoded leniently (see
// lenient.go); write structs use omitzero so that a nil pointer or slice is left out of a PATCH while an
// empty, non-nil slice is sent as [] ("no members").

// groupWire is a group as the API returns it.
type groupWire struct {
	ID          string      `json:"id"`
	Name        looseString `json:"name"`
	Description looseString `json:"description"`
	Icon        looseString `json:"icon"`
	Users       []string    `json:"users"`
}

// groupWrite is the body of a group POST or PATCH. The name is always sent; a PATCH with `users` replaces
// the whole set, so membership is always sent whole when Terraform manages it.
type groupWrite struct {
	Name        string   `json:"name"`
	Description *string  `json:"description,omitzero"`
	Icon        *string  `json:"icon,omitzero"`
	Users       []string `json:"users,omitzero"`
}

// userWire is a user as the API returns it. `_role` is read as a fallback for `role`, the name of the
// model field that shows up in one of Secoda's schema listings. `teams` is not in the documented response;
// it is read in case the server sends it.
type userWire struct {
	ID         string      `json:"id"`
	FirstName  looseString `json:"first_name"`
	LastName   looseString `json:"last_name"`
	Email      looseString `json:"email"`
	Role       looseString `json:"role"`
	ModelRole  looseString `json:"_role"`
	Pending    looseBool   `json:"pending"`
	Disabled   looseBool   `json:"disabled"`
	Teams      []string    `json:"teams"`
	UserGroups []string    `json:"user_groups"`
}

// userWrite is the body of a user POST (an invitation) or PATCH. It never carries user_groups: membership
// is managed from the group side, and sending it here would fight the group's `users`.
type userWrite struct {
	Email     string   `json:"email,omitzero"`
	FirstName *string  `json:"first_name,omitzero"`
	LastName  *string  `json:"last_name,omitzero"`
	Role      string   `json:"role,omitzero"`
	Teams     []string `json:"teams,omitzero"`
}

// pageWire is the envelope of every list: {links{next,previous}, meta, count, total_pages, results}.
// Some Secoda endpoints put `next` at the top level instead of under links; both are read.
type pageWire[T any] struct {
	Links struct {
		Next looseString `json:"next"`
	} `json:"links"`
	Next looseString `json:"next"`
	Meta struct {
		Page     looseInt `json:"page"`
		NextPage looseInt `json:"next_page"`
	} `json:"meta"`
	TotalPages looseInt `json:"total_pages"`
	Results    []T      `json:"results"`
}
