package onyx

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"
)

// A new group is stale until the sync has run; while stale, PATCH, add-users and DELETE answer 404
// and rename 409 "currently syncing". Member-only changes keep it up to date, connector changes and
// renames make it stale again.
func TestSyncLock(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen})
		g := c.createGroup("eng", []string{AdaID}, []int{1})
		id := g["id"].(float64)
		path := fmt.Sprintf("/manage/admin/user-group/%d", int(id))
		if g["is_up_to_date"] != false || g["is_up_for_deletion"] != false || g["is_default"] != false {
			t.Errorf("create answer %v", g)
		}
		if gen == GenerationCurrent && (jget(g, "permissions") == nil || len(jget(g, "permissions").(map[string]any)) != 0) {
			t.Errorf("a mutation answers permissions {}, got %v", jget(g, "permissions"))
		}
		patch := map[string]any{"user_ids": []string{AdaID, GraceID}, "cc_pair_ids": []int{1}}
		c.apiError("PATCH", path, patch, http.StatusNotFound, codeNotFound, msgSyncing)
		c.apiError("POST", path+"/add-users", map[string]any{"user_ids": []string{GraceID}}, http.StatusNotFound, codeNotFound, msgSyncing)
		c.apiError("PATCH", "/manage/admin/user-group/rename", map[string]any{"id": id, "name": "x"}, http.StatusConflict, codeConflict, msgSyncing)
		c.apiError("DELETE", path, nil, http.StatusNotFound, codeNotFound, msgSyncing)

		c.clock.Advance(999 * time.Millisecond)
		if c.group(id)["is_up_to_date"] != false {
			t.Fatal("synced before the delay")
		}
		c.clock.Advance(time.Millisecond)
		if c.group(id)["is_up_to_date"] != true {
			t.Fatal("not synced after the delay")
		}
		v := c.api("PATCH", path, patch, http.StatusOK)
		if jget(v, "is_up_to_date") != true || !slices.Equal(emails(jget(v, "users")), []string{AdaEmail, GraceEmail}) {
			t.Errorf("member-only PATCH: %v", v)
		}
		v = c.api("PATCH", path, map[string]any{"user_ids": []string{AdaID}, "cc_pair_ids": []int{1, 2}}, http.StatusOK)
		if jget(v, "is_up_to_date") != false || len(jget(v, "cc_pairs").([]any)) != 2 {
			t.Errorf("connector PATCH: %v", v)
		}
		c.settle()
		v = c.api("PATCH", "/manage/admin/user-group/rename", map[string]any{"id": id, "name": "engineering"}, http.StatusOK)
		if jget(v, "name") != "engineering" || jget(v, "is_up_to_date") != false {
			t.Errorf("rename: %v", v)
		}
		// Curators/managers are not locked.
		c.api(managerMethod(gen), path+managerPath(gen), map[string]any{"user_id": AdaID, managerFlag(gen): true}, http.StatusOK)
		if got := jget(c.group(id), managerField(gen)); len(got.([]any)) != 1 || got.([]any)[0] != AdaID {
			t.Errorf("%s = %v", managerField(gen), got)
		}
	})
}

func managerMethod(gen string) string {
	if gen == GenerationCurrent {
		return "PUT"
	}
	return "POST"
}

func managerPath(gen string) string {
	if gen == GenerationCurrent {
		return "/manager"
	}
	return "/set-curator"
}

func managerFlag(gen string) string {
	if gen == GenerationCurrent {
		return "is_manager"
	}
	return "is_curator"
}

// DELETE empties the group at once and marks it; it stays listed with its name reserved until the
// sync removes the row.
func TestDeleteIsDelayedAndNameReserved(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen, DeleteDelay: 5 * time.Second})
		id := c.createGroup("tmp", []string{AdaID}, []int{3})["id"].(float64)
		path := fmt.Sprintf("/manage/admin/user-group/%d", int(id))
		c.settle()
		if v := c.api("DELETE", path, nil, http.StatusOK); v != nil {
			t.Errorf("DELETE answers %v, want null", v)
		}
		g := c.group(id)
		if g == nil || g["is_up_for_deletion"] != true || g["is_up_to_date"] != false || len(g["users"].([]any)) != 0 || len(g["cc_pairs"].([]any)) != 0 {
			t.Fatalf("group during deletion: %v", g)
		}
		if gen == GenerationCurrent {
			c.apiError("POST", "/manage/admin/user-group", map[string]any{"name": "tmp", "user_ids": []string{}, "cc_pair_ids": []int{}},
				http.StatusConflict, codeDuplicate, msgDuplicateGroup("tmp"))
		} else {
			c.apiError("POST", "/manage/admin/user-group", map[string]any{"name": "tmp", "user_ids": []string{}, "cc_pair_ids": []int{}},
				http.StatusBadRequest, "", msgDuplicateGroup("tmp"))
		}
		c.apiError("DELETE", path, nil, http.StatusNotFound, codeNotFound, msgSyncing)
		c.clock.Advance(4 * time.Second)
		if c.group(id) == nil {
			t.Fatal("removed before the delete delay")
		}
		c.clock.Advance(time.Second)
		if c.group(id) != nil {
			t.Fatal("still listed after the delete delay")
		}
		c.apiError("DELETE", path, nil, http.StatusNotFound, codeNotFound, msgGroupNotFound(int(id)))
		if again := c.createGroup("tmp", nil, nil); again["id"].(float64) == id {
			t.Error("group id reused")
		}
	})
}

// Without a background sync (negative delay) groups are up to date at once and deleted at once.
func TestInstantSync(t *testing.T) {
	c := newTester(t, Options{SyncDelay: -1})
	g := c.createGroup("fast", nil, nil)
	if g["is_up_to_date"] != true {
		t.Errorf("create answer %v", g)
	}
	c.api("DELETE", fmt.Sprintf("/manage/admin/user-group/%d", int(g["id"].(float64))), nil, http.StatusOK)
	if c.group(g["id"]) != nil {
		t.Error("deleted group still listed")
	}
	c.createGroup("fast", nil, nil)
}

// Create checks no foreign key first: an unknown user or cc_pair id comes back as the duplicate-name
// error. Missing fields and malformed values are Onyx's custom 422.
func TestCreateQuirks(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen})
		status, code := http.StatusBadRequest, ""
		if gen == GenerationCurrent {
			status, code = http.StatusConflict, codeDuplicate
		}
		unknownUser := "9f9f9f9f-0000-4000-8000-000000000000"
		c.apiError("POST", "/manage/admin/user-group", map[string]any{"name": "a", "user_ids": []string{unknownUser}, "cc_pair_ids": []int{}},
			status, code, msgDuplicateGroup("a"))
		c.apiError("POST", "/manage/admin/user-group", map[string]any{"name": "b", "user_ids": []string{}, "cc_pair_ids": []int{42}},
			status, code, msgDuplicateGroup("b"))
		for _, body := range []any{
			map[string]any{"name": "c", "user_ids": []string{}},
			map[string]any{"name": "c", "user_ids": []string{"not-a-uuid"}, "cc_pair_ids": []int{}},
			map[string]any{"name": 5, "user_ids": []string{}, "cc_pair_ids": []int{}},
			map[string]any{"name": "c", "user_ids": nil, "cc_pair_ids": []int{}},
			"[]",
			"",
		} {
			v := c.api("POST", "/manage/admin/user-group", body, http.StatusUnprocessableEntity)
			if jget(v, "status_code") != float64(422) || jget(v, "data") != nil || jget(v, "message") == nil {
				t.Errorf("422 body for %v: %v", body, v)
			}
			if m, ok := v.(map[string]any); !ok || len(m) != 3 {
				t.Errorf("422 body has keys other than status_code, message, data: %v", v)
			}
		}
		// Lax pydantic: numeric strings are integers, UUIDs without hyphens parse.
		v := c.createGroup("lax", []string{"1c8d0b637e2f4a4b9d3c0f5e6a7b8c02"}, nil)
		if !slices.Equal(emails(v["users"]), []string{AdaEmail}) {
			t.Errorf("lax create: %v", v)
		}
		c.api("POST", "/manage/admin/user-group", `{"name":"lax2","user_ids":[],"cc_pair_ids":["2"]}`, http.StatusOK)
		// Names are case-sensitive and not validated.
		c.createGroup("LAX", nil, nil)
		c.createGroup("", nil, nil)
	})
}

// PATCH replaces both lists; unknown users are 404, removed members lose curator/manager status.
func TestPatchGroup(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen})
		id := int(c.createGroup("eng", []string{AdaID, GraceID}, nil)["id"].(float64))
		path := fmt.Sprintf("/manage/admin/user-group/%d", id)
		c.settle()
		c.api(managerMethod(gen), path+managerPath(gen), map[string]any{"user_id": GraceID, managerFlag(gen): true}, http.StatusOK)
		c.api("PATCH", path, map[string]any{"user_ids": []string{AdaID}, "cc_pair_ids": []int{}}, http.StatusOK)
		c.api("PATCH", path, map[string]any{"user_ids": []string{AdaID, GraceID}, "cc_pair_ids": []int{}}, http.StatusOK)
		if got := jget(c.group(float64(id)), managerField(gen)); len(got.([]any)) != 0 {
			t.Errorf("re-added member kept the manager flag: %v", got)
		}
		unknown := "9f9f9f9f-0000-4000-8000-000000000000"
		c.apiError("PATCH", path, map[string]any{"user_ids": []string{unknown}, "cc_pair_ids": []int{}}, http.StatusNotFound, codeNotFound,
			"User(s) not found: "+unknown)
		c.apiError("PATCH", "/manage/admin/user-group/999", map[string]any{"user_ids": []string{}, "cc_pair_ids": []int{}}, http.StatusNotFound,
			codeNotFound, msgGroupNotFound(999))
		c.api("PATCH", "/manage/admin/user-group/abc", map[string]any{"user_ids": []string{}, "cc_pair_ids": []int{}}, http.StatusUnprocessableEntity)
		c.api("PATCH", path, map[string]any{"user_ids": []string{AdaID}}, http.StatusUnprocessableEntity)
		resp, _ := c.send("PATCH", "/api"+path, bearer(testToken), map[string]any{"user_ids": []string{AdaID}, "cc_pair_ids": []int{99}})
		if resp.StatusCode != http.StatusInternalServerError {
			t.Errorf("unknown cc_pair on PATCH: %d, want the uncaught 500", resp.StatusCode)
		}
		// add-users is additive.
		c.api("PATCH", path, map[string]any{"user_ids": []string{AdaID}, "cc_pair_ids": []int{}}, http.StatusOK)
		v := c.api("POST", path+"/add-users", map[string]any{"user_ids": []string{GraceID, AdaID}}, http.StatusOK)
		if !slices.Equal(emails(jget(v, "users")), []string{AdaEmail, GraceEmail}) {
			t.Errorf("add-users: %v", jget(v, "users"))
		}
	})
}

func TestCuratorsAndManagers(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen})
		id := int(c.createGroup("eng", []string{AdaID}, nil)["id"].(float64))
		path := fmt.Sprintf("/manage/admin/user-group/%d", id)
		other := "/manage/admin/user-group/1/manager"
		otherMethod := "PUT"
		if gen == GenerationCurrent {
			other, otherMethod = "/manage/admin/user-group/1/set-curator", "POST"
		}
		c.apiError(otherMethod, other, map[string]any{"user_id": AdaID}, http.StatusNotFound, "", msgNotFound)

		body := func(uid string, on bool) map[string]any { return map[string]any{"user_id": uid, managerFlag(gen): on} }
		if gen == GenerationCurrent {
			c.apiError("PUT", path+"/manager", body(GraceID, true), http.StatusBadRequest, codeInvalidInput, msgNotMember(GraceID, id))
			c.apiError("PUT", "/manage/admin/user-group/2/manager", body(AdaID, true), http.StatusConflict, codeConflict, msgManagerDefault)
		} else {
			c.apiError("POST", path+"/set-curator", body(GraceID, true), http.StatusNotFound, "", msgNotMember(GraceID, id))
		}
		c.apiError(managerMethod(gen), "/manage/admin/user-group/999"+managerPath(gen), body(AdaID, true), http.StatusNotFound, codeNotFound, msgGroupNotFound(999))
		c.api(managerMethod(gen), path+managerPath(gen), map[string]any{"user_id": AdaID}, http.StatusUnprocessableEntity)
		for range 2 { // idempotent
			if v := c.api(managerMethod(gen), path+managerPath(gen), body(AdaID, true), http.StatusOK); v != nil {
				t.Errorf("answer %v, want null", v)
			}
		}
		role := jget(c.api("GET", "/manage/users", nil, http.StatusOK), "accepted", 0, "role")
		if gen == GenerationV46 && role != roleCurator {
			t.Errorf("v4.6: a basic user who curates a group has role %v, want curator", role)
		}
		c.api(managerMethod(gen), path+managerPath(gen), body(AdaID, false), http.StatusOK)
		if got := jget(c.group(float64(id)), managerField(gen)); len(got.([]any)) != 0 {
			t.Errorf("after unsetting: %v", got)
		}
		if role := jget(c.api("GET", "/manage/users", nil, http.StatusOK), "accepted", 0, "role"); gen == GenerationV46 && role != roleBasic {
			t.Errorf("v4.6: role after the last curatorship went: %v", role)
		}
	})
}

// The default groups are hidden unless asked for, cannot be deleted or renamed and take no connectors.
func TestDefaultGroups(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen})
		if list := c.api("GET", "/manage/admin/user-group", nil, http.StatusOK).([]any); len(list) != 0 {
			t.Errorf("defaults listed without include_default: %v", list)
		}
		list := c.api("GET", "/manage/admin/user-group?include_default=true", nil, http.StatusOK).([]any)
		if len(list) != 2 || jget(list, 0, "name") != AdminGroupName || jget(list, 0, "is_default") != true ||
			!slices.Equal(emails(jget(list, 0, "users")), []string{AdminEmail}) ||
			!slices.Equal(emails(jget(list, 1, "users")), []string{AdaEmail, GraceEmail}) {
			t.Errorf("default groups: %v", list)
		}
		// The list's permissions say what the caller may do with the group: with a default group, only its members.
		if gen == GenerationCurrent && (jget(list, 0, "permissions", "manage_members") != true || jget(list, 0, "permissions", "edit_permissions") != false) {
			t.Errorf("the list fills permissions: %v", jget(list, 0, "permissions"))
		}
		c.api("GET", "/manage/admin/user-group?include_default=maybe", nil, http.StatusUnprocessableEntity)
		c.apiError("DELETE", "/manage/admin/user-group/1", nil, http.StatusConflict, codeConflict, msgDeleteDefault)
		c.apiError("PATCH", "/manage/admin/user-group/rename", map[string]any{"id": 2, "name": "Everyone"}, http.StatusConflict, codeConflict, msgRenameDefault)
		c.apiError("PATCH", "/manage/admin/user-group/2", map[string]any{"user_ids": []string{AdaID, GraceID}, "cc_pair_ids": []int{1}},
			http.StatusConflict, codeConflict, msgDefaultNoConnectors)
		// Membership of a default group can change.
		c.api("PATCH", "/manage/admin/user-group/2", map[string]any{"user_ids": []string{AdaID, GraceID, AdminID}, "cc_pair_ids": []int{}}, http.StatusOK)
	})
}

// There is no get-one route: GET on a group path is 405; unknown paths are FastAPI's 404.
func TestRoutesWithoutHandlers(t *testing.T) {
	c := newTester(t, Options{})
	c.apiError("GET", "/manage/admin/user-group/1", nil, http.StatusMethodNotAllowed, "", msgMethodNotAllowed)
	c.apiError("GET", "/admin/api-key/1", nil, http.StatusMethodNotAllowed, "", msgMethodNotAllowed)
	c.apiError("GET", "/manage/admin/nothing-here", nil, http.StatusNotFound, "", msgNotFound)
	resp, raw := c.send("GET", "/manage/admin/user-group", bearer(testToken), nil) // no /api prefix
	if resp.StatusCode != http.StatusNotFound || string(raw) != `{"detail":"Not Found"}` {
		t.Errorf("without /api: %d %s", resp.StatusCode, raw)
	}
}

// Current generation: nobody may be left without a group, and the last admin stays.
func TestMembershipGuardsCurrent(t *testing.T) {
	c := newTester(t, Options{Generation: GenerationCurrent})
	c.apiError("PATCH", "/manage/admin/user-group/2", map[string]any{"user_ids": []string{AdaID}, "cc_pair_ids": []int{}},
		http.StatusBadRequest, codeInvalidInput, GraceEmail+" would be left without a group. Add them to another group first.")
	id := int(c.createGroup("eng", []string{GraceID}, nil)["id"].(float64))
	c.settle()
	c.api("PATCH", "/manage/admin/user-group/2", map[string]any{"user_ids": []string{AdaID}, "cc_pair_ids": []int{}}, http.StatusOK)
	c.apiError("DELETE", fmt.Sprintf("/manage/admin/user-group/%d", id), nil, http.StatusBadRequest, codeInvalidInput,
		GraceEmail+" would be left without a group. Add them to another group first.")
	c.apiError("PATCH", "/manage/admin/user-group/1", map[string]any{"user_ids": []string{AdaID}, "cc_pair_ids": []int{}},
		http.StatusBadRequest, codeInvalidInput, "You can't remove yourself from the admin group.")
}
