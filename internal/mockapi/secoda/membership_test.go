package secoda

import (
	"net/http"
	"reflect"
	"sort"
	"testing"
)

func sorted(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

// Group.users and User.user_groups are one relation: a write on either side shows on both.
func TestMembershipIsSymmetric(t *testing.T) {
	h := newHarness(t)
	ada := h.createUser(map[string]any{"email": "ada@example.com"})["id"].(string)
	bob := h.createUser(map[string]any{"email": "bob@example.com"})["id"].(string)

	ops := h.createGroup(map[string]any{"name": "ops", "users": []string{ada, ada}})["id"].(string)
	if got := strs(h.getGroup(ops)["users"]); !reflect.DeepEqual(got, []string{ada}) {
		t.Errorf("ops.users = %v, want [ada] (duplicates collapse)", got)
	}
	if got := strs(h.getUser(ada)["user_groups"]); !reflect.DeepEqual(got, []string{ops}) {
		t.Errorf("ada.user_groups = %v, want [ops]", got)
	}

	// The user side writes too: on create and on PATCH.
	dev := h.createGroup(map[string]any{"name": "dev"})["id"].(string)
	h.createUser(map[string]any{"email": "cy@example.com", "user_groups": []string{ops, dev}})
	h.must(http.StatusOK, "PATCH", "/api/v1/user/"+bob+"/", map[string]any{"user_groups": []string{dev}})
	if got := len(strs(h.getGroup(ops)["users"])); got != 2 {
		t.Errorf("ops has %d members, want ada and cy", got)
	}
	if got := strs(h.getGroup(dev)["users"]); len(got) != 2 || got[0] != bob {
		t.Errorf("dev.users = %v, want [bob, cy]", got)
	}

	// A group PATCH replaces the whole set, and the users' side follows.
	h.must(http.StatusOK, "PATCH", "/api/v1/auth/group/"+ops+"/", map[string]any{"users": []string{bob}})
	if got := strs(h.getUser(ada)["user_groups"]); len(got) != 0 {
		t.Errorf("ada.user_groups = %v after she left ops", got)
	}
	if got := sorted(strs(h.getUser(bob)["user_groups"])); !reflect.DeepEqual(got, sorted([]string{ops, dev})) {
		t.Errorf("bob.user_groups = %v, want ops and dev", got)
	}
	// A PATCH without users leaves them alone.
	h.must(http.StatusOK, "PATCH", "/api/v1/auth/group/"+ops+"/", map[string]any{"name": "ops2"})
	if got := strs(h.getGroup(ops)["users"]); !reflect.DeepEqual(got, []string{bob}) {
		t.Errorf("ops.users = %v after a name-only PATCH", got)
	}
}

func TestDeletesCascade(t *testing.T) {
	h := newHarness(t)
	ada := h.createUser(map[string]any{"email": "ada@example.com"})["id"].(string)
	bob := h.createUser(map[string]any{"email": "bob@example.com"})["id"].(string)
	ops := h.createGroup(map[string]any{"name": "ops", "users": []string{ada, bob}})["id"].(string)
	dev := h.createGroup(map[string]any{"name": "dev", "users": []string{ada}})["id"].(string)

	h.must(http.StatusNoContent, "DELETE", "/api/v1/user/"+bob+"/", nil)
	if got := strs(h.getGroup(ops)["users"]); !reflect.DeepEqual(got, []string{ada}) {
		t.Errorf("ops.users = %v after bob was deleted", got)
	}
	h.must(http.StatusNoContent, "DELETE", "/api/v1/auth/group/"+ops+"/", nil)
	if got := strs(h.getUser(ada)["user_groups"]); !reflect.DeepEqual(got, []string{dev}) {
		t.Errorf("ada.user_groups = %v after ops was deleted", got)
	}
	// The hooks cascade the same way.
	h.must(http.StatusNoContent, "DELETE", "/__mock/secoda/groups/"+dev, nil)
	if got := strs(h.getUser(ada)["user_groups"]); len(got) != 0 {
		t.Errorf("ada.user_groups = %v after the hook deleted dev", got)
	}
}
