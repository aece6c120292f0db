package tykaistudio

import (
	"net/http"
	"slices"
	"testing"
)

func TestGetCatalogueByID(t *testing.T) {
	c := newTester(t, Options{})
	for path, kind := range map[string]string{"/catalogues": "catalogues", "/data-catalogues": "data-catalogues", "/tool-catalogues": "tool-catalogues"} {
		v := c.api("GET", "/api/v1"+path+"/2", nil, http.StatusOK)
		if jget(v, "data", "id") != "2" || jget(v, "data", "type") != kind || jget(v, "data", "attributes", "name") == "" {
			t.Errorf("GET %s/2: %v", path, v)
		}
		c.apiError("GET", "/api/v1"+path+"/99", nil, http.StatusNotFound, catalogueNotFound[catalogueKind(kind)])
		c.apiError("GET", "/api/v1"+path+"/x", nil, http.StatusBadRequest, msgInvalidCatalogueID)
	}
}

// The Default group holds catalogue 1 of each kind, named "Default", and the group list names them.
func TestDefaultGroupSeededCatalogues(t *testing.T) {
	c := newTester(t, Options{})
	got := c.api("GET", "/api/v1/groups/1", nil, http.StatusOK)
	for _, attr := range []string{"catalogues", "data_catalogues", "tool_catalogues"} {
		if !slices.Equal(ids(jget(got, "data", "attributes", attr)), []string{"1"}) || jget(got, "data", "attributes", attr, 0, "attributes", "name") != "Default" {
			t.Errorf("Default group %s: %v", attr, jget(got, "data", "attributes", attr))
		}
	}
	list := c.api("GET", "/api/v1/groups", nil, http.StatusOK)
	for _, attr := range []string{"catalogue_names", "data_catalogue_names", "tool_catalogue_names"} {
		if names := jget(list, "data", 0, "attributes", attr); len(names.([]any)) != 1 || names.([]any)[0] != "Default" {
			t.Errorf("group list %s: %v", attr, names)
		}
	}
}

// An unknown catalogue id in a group create, PATCH or catalogue PUT is accepted, linked, and leaves an
// empty catalogue with that id behind, as the real server does. The single-add route still refuses it.
func TestUnknownCatalogueIDMakesEmptyCatalogue(t *testing.T) {
	c := newTester(t, Options{})
	gid := c.createGroup(map[string]any{"name": "ops", "catalogues": []int{41}})
	c.api("PATCH", "/api/v1/groups/"+gid, groupsBody(map[string]any{"name": "ops", "catalogues": []int{41}, "data_catalogues": []int{42}}), http.StatusOK)
	c.api("PUT", "/api/v1/groups/"+gid+"/catalogues", groupsBody(map[string]any{"catalogues": []int{41}, "data_catalogues": []int{42}, "tool_catalogues": []int{43}}), http.StatusOK)

	got := c.api("GET", "/api/v1/groups/"+gid, nil, http.StatusOK)
	for attr, want := range map[string]string{"catalogues": "41", "data_catalogues": "42", "tool_catalogues": "43"} {
		if !slices.Equal(ids(jget(got, "data", "attributes", attr)), []string{want}) || jget(got, "data", "attributes", attr, 0, "attributes", "name") != "" {
			t.Errorf("group %s after unknown ids: %v", attr, jget(got, "data", "attributes", attr))
		}
	}
	if v := c.api("GET", "/api/v1/data-catalogues/42", nil, http.StatusOK); jget(v, "data", "attributes", "name") != "" {
		t.Errorf("the created data catalogue: %v", v)
	}
	state := c.hook("GET", "/state", nil, http.StatusOK)
	if got := jget(state, "catalogues", "tool_catalogues").([]any); len(got) != SeedCatalogues+1 || got[SeedCatalogues] != float64(43) {
		t.Errorf("state hook tool catalogues %v", got)
	}
	// Deleting the group leaves the created catalogues.
	c.api("DELETE", "/api/v1/groups/"+gid, nil, http.StatusNoContent)
	c.api("GET", "/api/v1/catalogues/41", nil, http.StatusOK)

	c.apiError("POST", "/api/v1/groups/1/tool-catalogues", map[string]any{"data": map[string]any{"type": "tool-catalogues", "id": "77"}},
		http.StatusInternalServerError, msgRecordNotFound)
}
