package secoda

import "github.com/rosterhq/terraform-provider-roster/internal/mockapi"

// Response shapes, field for field from Secoda's v1_UserGroupResponse, v1_UsersResponse and Team
// schemas.

type groupJSON struct {
	ID            string   `json:"id"`
	CreatedAt     string   `json:"created_at"`
	UpdatedAt     string   `json:"updated_at"`
	Users         []string `json:"users"`
	Name          string   `json:"name"`
	Icon          string   `json:"icon"`
	Description   string   `json:"description"`
	WorkspaceID   string   `json:"workspace_id"`
	SnowflakeRole *string  `json:"snowflake_role"`
}

// userJSON keeps the documented example's types: `pending` is the string "True"/"False" and a user who
// never signed in has last_login "None", both Python str() leaking into the JSON. Clients must read them
// leniently, and rendering them so here is what keeps them honest.
type userJSON struct {
	ID                            string   `json:"id"`
	FirstName                     string   `json:"first_name"`
	LastName                      string   `json:"last_name"`
	Email                         string   `json:"email"`
	Role                          string   `json:"role"`
	WorkspaceID                   string   `json:"workspace_id"`
	Workspace                     string   `json:"workspace"`
	ProfilePicture                string   `json:"profile_picture"`
	Pending                       string   `json:"pending"`
	UserGroups                    []string `json:"user_groups"`
	Bookmarks                     []string `json:"bookmarks"`
	IsServiceAccount              bool     `json:"is_service_account"`
	ServiceAccountCountPopularity bool     `json:"service_account_count_popularity"`
	LastLogin                     string   `json:"last_login"`
	NewFeatureAcknowledged        bool     `json:"new_feature_acknowledged"`
	Disabled                      bool     `json:"disabled"`
}

type sidebarSettingsJSON struct {
	Home        bool `json:"home"`
	Catalog     bool `json:"catalog"`
	Documents   bool `json:"documents"`
	Questions   bool `json:"questions"`
	Glossary    bool `json:"glossary"`
	Collections bool `json:"collections"`
}

type teamJSON struct {
	ID                 string              `json:"id"`
	CreatedAt          string              `json:"created_at"`
	UpdatedAt          string              `json:"updated_at"`
	Name               string              `json:"name"`
	Icon               string              `json:"icon"`
	Type               string              `json:"type"`
	Description        string              `json:"description"`
	SidebarSettings    sidebarSettingsJSON `json:"sidebar_settings"`
	WorkspaceID        string              `json:"workspace_id"`
	Archived           bool                `json:"archived"`
	IsDefaultTeam      bool                `json:"is_default_team"`
	OnboardingComplete bool                `json:"onboarding_complete"`
}

func (s *store) renderGroup(g *group) groupJSON {
	return groupJSON{
		ID:          g.id,
		CreatedAt:   mockapi.DjangoTime(g.createdAt),
		UpdatedAt:   mockapi.DjangoTime(g.updatedAt),
		Users:       s.membersOf(g.id),
		Name:        g.name,
		Icon:        g.icon,
		Description: g.description,
		WorkspaceID: WorkspaceID,
	}
}

func (s *store) renderUser(u *user) userJSON {
	lastLogin := "None"
	if u.lastLogin != nil {
		lastLogin = mockapi.DjangoTime(*u.lastLogin)
	}
	return userJSON{
		ID:                            u.id,
		FirstName:                     u.firstName,
		LastName:                      u.lastName,
		Email:                         u.email,
		Role:                          u.role,
		WorkspaceID:                   WorkspaceID,
		Workspace:                     WorkspaceID,
		Pending:                       pythonBool(u.pending),
		UserGroups:                    s.groupsOf(u.id),
		Bookmarks:                     []string{},
		ServiceAccountCountPopularity: true,
		LastLogin:                     lastLogin,
		Disabled:                      u.disabled,
	}
}

func renderTeam(t *team) teamJSON {
	return teamJSON{
		ID:              t.id,
		CreatedAt:       mockapi.DjangoTime(t.createdAt),
		UpdatedAt:       mockapi.DjangoTime(t.updatedAt),
		Name:            t.name,
		Icon:            t.icon,
		Type:            t.teamType,
		Description:     t.description,
		SidebarSettings: sidebarSettingsJSON{Home: true, Catalog: true, Documents: true, Questions: true, Glossary: true, Collections: true},
		WorkspaceID:     WorkspaceID,
		IsDefaultTeam:   t.isDefault,
	}
}

func pythonBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
