package tykaistudio

import (
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// JSON shapes of the server's responses (UserResponse, GroupResponse, GroupListResponse). Ids are
// decimal strings in "id"; the field order follows the observed bodies.

type resourceJSON struct {
	Type       string `json:"type"`
	ID         string `json:"id"`
	Attributes any    `json:"attributes"`
}

type userAttrsJSON struct {
	Email                string         `json:"email"`
	Name                 string         `json:"name"`
	IsAdmin              bool           `json:"is_admin"`
	ShowChat             bool           `json:"show_chat"`
	ShowPortal           bool           `json:"show_portal"`
	EmailVerified        bool           `json:"email_verified"`
	APIKey               string         `json:"api_key"`
	NotificationsEnabled bool           `json:"notifications_enabled"`
	AccessToSSOConfig    bool           `json:"access_to_sso_config"`
	Role                 string         `json:"role"`
	Groups               []resourceJSON `json:"groups,omitempty"`
}

type groupNameJSON struct {
	Name string `json:"name"`
}

type groupAttrsJSON struct {
	Name           string         `json:"name"`
	Users          []resourceJSON `json:"users,omitempty"`
	Catalogues     []resourceJSON `json:"catalogues,omitempty"`
	DataCatalogues []resourceJSON `json:"data_catalogues,omitempty"`
	ToolCatalogues []resourceJSON `json:"tool_catalogues,omitempty"`
}

type groupListAttrsJSON struct {
	Name               string   `json:"name"`
	UserCount          int      `json:"user_count"`
	CatalogueCount     int      `json:"catalogue_count"`
	DataCatalogueCount int      `json:"data_catalogue_count"`
	ToolCatalogueCount int      `json:"tool_catalogue_count"`
	CatalogueNames     []string `json:"catalogue_names"`
	DataCatalogueNames []string `json:"data_catalogue_names"`
	ToolCatalogueNames []string `json:"tool_catalogue_names"`
}

type llmCatalogueAttrsJSON struct {
	Name     string   `json:"name"`
	LLMNames []string `json:"llm_names"`
}

type dataCatalogueAttrsJSON struct {
	Name             string `json:"name"`
	ShortDescription string `json:"short_description"`
	LongDescription  string `json:"long_description"`
	Icon             string `json:"icon"`
	Datasources      []any  `json:"datasources"`
	Tags             []any  `json:"tags"`
}

type toolCatalogueAttrsJSON struct {
	Name             string `json:"name"`
	ShortDescription string `json:"short_description"`
	LongDescription  string `json:"long_description"`
	Icon             string `json:"icon"`
	Tools            []any  `json:"tools"`
	Tags             []any  `json:"tags"`
}

func idString(id uint32) string { return strconv.FormatUint(uint64(id), 10) }

func renderUser(u *user) resourceJSON {
	return resourceJSON{Type: "users", ID: idString(u.id), Attributes: userAttrs(u)}
}

// renderUserEcho is the create/update answer: groups, when present, are the request's stubs.
func renderUserEcho(u *user, groups []uint32) resourceJSON {
	attrs := userAttrs(u)
	if len(groups) > 0 {
		attrs.Groups = groupStubs(groups)
	}
	return resourceJSON{Type: "users", ID: idString(u.id), Attributes: attrs}
}

func userAttrs(u *user) userAttrsJSON {
	return userAttrsJSON{
		Email: u.email, Name: u.name, IsAdmin: u.isAdmin, ShowChat: u.showChat, ShowPortal: u.showPortal,
		EmailVerified: u.emailVerified, APIKey: u.apiKey, NotificationsEnabled: u.notificationsEnabled,
		AccessToSSOConfig: u.accessToSSOConfig, Role: u.role(),
	}
}

// renderUserWithGroups is GET /users/{id}: the only view that preloads the user's groups.
func (s *Server) renderUserWithGroups(u *user) resourceJSON {
	attrs := userAttrs(u)
	attrs.Groups = mockapi.Each(s.st.groupsOf(u.id), groupRef)
	return resourceJSON{Type: "users", ID: idString(u.id), Attributes: attrs}
}

// groupStubs is how create and update echo group references: ids with empty names, because the
// handler answers from the request's stub objects instead of reloading them.
func groupStubs(ids []uint32) []resourceJSON {
	return mockapi.Each(ids, func(id uint32) resourceJSON { return groupRef(&group{id: id}) })
}

// groupRef is a group as a user's relationship: id and name only.
func groupRef(g *group) resourceJSON {
	return resourceJSON{Type: "groups", ID: idString(g.id), Attributes: groupNameJSON{Name: g.name}}
}

// renderGroupStubs is the group create/update echo: every association is a stub (id only, empty
// fields), for the same reason as groupStubs.
func (s *Server) renderGroupStubs(g *group) resourceJSON {
	attrs := groupAttrsJSON{Name: g.name}
	for _, id := range sortedIDs(s.st.members.Of(g.id)) {
		attrs.Users = append(attrs.Users, resourceJSON{Type: "users", ID: idString(id), Attributes: userAttrsJSON{}})
	}
	attrs.setCatalogues(func(kind catalogueKind) (out []*catalogue) {
		for _, id := range sortedIDs(g.lists[kind]) {
			out = append(out, &catalogue{id: id})
		}
		return out
	})
	return resourceJSON{Type: "groups", ID: idString(g.id), Attributes: attrs}
}

// renderGroup is GET /groups/{id}. The Enterprise handler never fills users; the Community stub
// does (it only ever serves the Default group).
func (s *Server) renderGroup(g *group, withUsers bool) resourceJSON {
	attrs := groupAttrsJSON{Name: g.name}
	if withUsers {
		for _, u := range s.st.liveMembers(g) {
			attrs.Users = append(attrs.Users, renderUser(u))
		}
	}
	attrs.setCatalogues(func(kind catalogueKind) []*catalogue { return s.st.catalogueList(g, kind) })
	return resourceJSON{Type: "groups", ID: idString(g.id), Attributes: attrs}
}

// setCatalogues renders the three catalogue lists of a group body from list.
func (a *groupAttrsJSON) setCatalogues(list func(catalogueKind) []*catalogue) {
	render := func(kind catalogueKind) (out []resourceJSON) {
		for _, c := range list(kind) {
			out = append(out, renderCatalogue(kind, c))
		}
		return out
	}
	a.Catalogues, a.DataCatalogues, a.ToolCatalogues = render(kindCatalogues), render(kindDataCatalogues), render(kindToolCatalogues)
}

func (s *Server) renderGroupListItem(g *group) resourceJSON {
	names := func(kind catalogueKind) []string {
		out := []string{}
		for _, c := range s.st.catalogueList(g, kind) {
			out = append(out, c.name)
		}
		return out
	}
	attrs := groupListAttrsJSON{
		Name: g.name, UserCount: len(s.st.liveMembers(g)),
		CatalogueNames: names(kindCatalogues), DataCatalogueNames: names(kindDataCatalogues), ToolCatalogueNames: names(kindToolCatalogues),
	}
	attrs.CatalogueCount, attrs.DataCatalogueCount, attrs.ToolCatalogueCount =
		len(attrs.CatalogueNames), len(attrs.DataCatalogueNames), len(attrs.ToolCatalogueNames)
	return resourceJSON{Type: "groups", ID: idString(g.id), Attributes: attrs}
}

func renderCatalogue(kind catalogueKind, c *catalogue) resourceJSON {
	var attrs any
	switch kind {
	case kindDataCatalogues:
		attrs = dataCatalogueAttrsJSON{Name: c.name, Datasources: []any{}, Tags: []any{}}
	case kindToolCatalogues:
		attrs = toolCatalogueAttrsJSON{Name: c.name, Tools: []any{}, Tags: []any{}}
	default:
		attrs = llmCatalogueAttrsJSON{Name: c.name, LLMNames: []string{}}
	}
	return resourceJSON{Type: string(kind), ID: idString(c.id), Attributes: attrs}
}
