package authentik

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// nameAndPK is UserSelfGroups and UserSelfRoles: both pks are strings (group and role uuids).
type nameAndPK struct {
	Name string `json:"name"`
	PK   string `json:"pk"`
}

// userSelfJSON is the schema's UserSelf, what a user may read about themselves.
type userSelfJSON struct {
	PK                int            `json:"pk"`
	Username          string         `json:"username"`
	Name              string         `json:"name"`
	IsActive          bool           `json:"is_active"`
	IsSuperuser       bool           `json:"is_superuser"`
	Groups            []nameAndPK    `json:"groups"`
	Roles             []nameAndPK    `json:"roles"`
	Email             string         `json:"email"`
	Avatar            string         `json:"avatar"`
	UID               string         `json:"uid"`
	Settings          map[string]any `json:"settings"`
	Type              string         `json:"type"`
	SystemPermissions []string       `json:"system_permissions"`
}

// me is GET /core/users/me/: the caller as a SessionUser, {"user": UserSelf} ("original" only while
// impersonating, which the mock does not do).
func (s *Server) me(w http.ResponseWriter, _ *http.Request, caller *user) {
	self := userSelfJSON{
		PK: caller.pk, Username: caller.username, Name: caller.name, IsActive: caller.isActive,
		IsSuperuser: s.st.userIsSuperuser(caller.pk), Groups: []nameAndPK{}, Roles: []nameAndPK{},
		Email: caller.email, Avatar: defaultAvatar, UID: userUID(caller.pk), Settings: map[string]any{},
		Type: caller.userType, SystemPermissions: []string{},
	}
	for _, g := range s.st.groupsOf(s.st.members.To(caller.pk)) {
		self.Groups = append(self.Groups, nameAndPK{Name: g.name, PK: g.uuid})
	}
	for _, r := range s.st.rolesOf(caller.roles) {
		self.Roles = append(self.Roles, nameAndPK{Name: r.name, PK: r.uuid})
	}
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{"user": self})
}
