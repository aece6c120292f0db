package tykaistudio

// Wire structs mirror the API's JSON:API-like envelopes (api/models.go in the server: UserInput,
// UserResponse, GroupInput, GroupResponse, GroupUsersInput, GroupCataloguesRequest). Requests are
// {"data":{"type":...,"attributes":{...}}}; responses carry the id as a decimal string in data.id,
// while id arrays inside attributes are JSON numbers. Response structs list only what the client maps.

// request is the body of every write.
type request[A any] struct {
	Data requestData[A] `json:"data"`
}

type requestData[A any] struct {
	Type       string `json:"type"`
	Attributes A      `json:"attributes"`
}

func newRequest[A any](typ string, attrs A) request[A] {
	return request[A]{Data: requestData[A]{Type: typ, Attributes: attrs}}
}

// envelope is the body of every answer: one object or, for lists, an array.
type envelope[T any] struct {
	Data T `json:"data"`
}

// listEnvelope is a list answer. meta appears only on the Community Edition's group list, which
// puts its totals in the body instead of the X-Total-* headers.
type listEnvelope[T any] struct {
	Data []T       `json:"data"`
	Meta *listMeta `json:"meta"`
}

type listMeta struct {
	TotalCount int `json:"total_count"`
}

// idOnly reads just the id of an embedded object (users and catalogues inside a group).
type idOnly struct {
	ID string `json:"id"`
}

// userWire is a UserResponse.
type userWire struct {
	ID         string `json:"id"`
	Attributes struct {
		Email                string `json:"email"`
		Name                 string `json:"name"`
		IsAdmin              bool   `json:"is_admin"`
		ShowChat             bool   `json:"show_chat"`
		ShowPortal           bool   `json:"show_portal"`
		EmailVerified        bool   `json:"email_verified"`
		APIKey               string `json:"api_key"`
		NotificationsEnabled bool   `json:"notifications_enabled"`
		AccessToSSOConfig    bool   `json:"access_to_sso_config"`
		Role                 string `json:"role"`
	} `json:"attributes"`
}

// userInput is the attributes of a user POST or PATCH. Every field is always sent, because a PATCH
// replaces the whole user. It never carries `groups`: on create the server adds Default by itself,
// and on update a non-empty list would replace the memberships (dropping Default); membership is
// managed from the group side. The password is sent on create only (PATCH ignores it).
type userInput struct {
	Email                string `json:"email"`
	Name                 string `json:"name"`
	Password             string `json:"password,omitempty"`
	IsAdmin              bool   `json:"is_admin"`
	ShowChat             bool   `json:"show_chat"`
	ShowPortal           bool   `json:"show_portal"`
	EmailVerified        bool   `json:"email_verified"`
	NotificationsEnabled bool   `json:"notifications_enabled"`
	AccessToSSOConfig    bool   `json:"access_to_sso_config"`
}

// groupWire is a GroupResponse. GET /groups/{id} fills the catalogue lists but never `users` on the
// Enterprise Edition (the Community stub does fill it for the Default group); create and update
// echo stubs that carry ids only.
type groupWire struct {
	ID         string `json:"id"`
	Attributes struct {
		Name           string   `json:"name"`
		Users          []idOnly `json:"users"`
		Catalogues     []idOnly `json:"catalogues"`
		DataCatalogues []idOnly `json:"data_catalogues"`
		ToolCatalogues []idOnly `json:"tool_catalogues"`
	} `json:"attributes"`
}

// groupListWire is a GroupListResponse item: names and counts, no ids of members or catalogues.
type groupListWire struct {
	ID         string `json:"id"`
	Attributes struct {
		Name string `json:"name"`
	} `json:"attributes"`
}

// groupInput is the attributes of a group POST or PATCH. A PATCH is authoritative for all four
// lists (an omitted one is emptied), so they are always sent, as [] when empty.
type groupInput struct {
	Name           string   `json:"name"`
	Members        []uint32 `json:"members"`
	Catalogues     []uint32 `json:"catalogues"`
	DataCatalogues []uint32 `json:"data_catalogues"`
	ToolCatalogues []uint32 `json:"tool_catalogues"`
}

// groupMembersInput is the attributes of PUT /groups/{id}/users.
type groupMembersInput struct {
	Members []uint32 `json:"members"`
}

// groupCataloguesInput is the attributes of PUT /groups/{id}/catalogues; each omitted list is cleared.
type groupCataloguesInput struct {
	Catalogues     []uint32 `json:"catalogues"`
	DataCatalogues []uint32 `json:"data_catalogues"`
	ToolCatalogues []uint32 `json:"tool_catalogues"`
}
