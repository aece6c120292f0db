package unleash

import (
	"fmt"
	"strconv"
	"strings"
)

// builtinRootRoles are the root roles every Unleash has, with the ids its migrations give them (the same on
// OSS and Enterprise; seen on 8.2). Custom root roles (Enterprise) have other ids and no name the API accepts
// on write, so they stay ids throughout.
var builtinRootRoles = map[int]string{1: "Admin", 2: "Editor", roleViewer: "Viewer"}

// roleViewer is the least privilege, what roster gives a user whose role it does not manage.
const roleViewer = 3

// roleNames is the order error messages list the names in.
var roleNames = []string{"Admin", "Editor", "Viewer"}

// roleFromID is what Read reports: the built-in role's name, so that `role = "Editor"` shows no diff, or the
// id for any other role.
func roleFromID(id int) string {
	if name, ok := builtinRootRoles[id]; ok {
		return name
	}
	return strconv.Itoa(id)
}

// roleID resolves a configured role (a built-in name, exactly as Unleash spells it, or a positive id).
func roleID(role string) (int, error) {
	for id, name := range builtinRootRoles {
		if role == name {
			return id, nil
		}
	}
	if id, err := strconv.Atoi(role); err == nil && id > 0 && strconv.Itoa(id) == role {
		return id, nil
	}
	hint := ""
	for _, name := range roleNames {
		if strings.EqualFold(role, name) {
			hint = fmt.Sprintf(" (did you mean %q? Unleash role names are case-sensitive)", name)
		}
	}
	return 0, fmt.Errorf("%q is not a root role: use Admin, Editor, Viewer or the numeric id of a custom root role%s", role, hint)
}

// userRoleValue is what a user write sends as rootRole: the name for a built-in role (the API resolves it),
// the id for any other.
func userRoleValue(role string) (any, error) {
	id, err := roleID(role)
	if err != nil {
		return nil, err
	}
	if name, ok := builtinRootRoles[id]; ok && name == role {
		return name, nil
	}
	return id, nil
}
