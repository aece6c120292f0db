package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// A twin's configuration is the platform run's, resource for resource and attribute for attribute: only the
// types (and the references through them) and the provider differ.
func TestTwinConfigIsThePlatformsConfiguration(t *testing.T) {
	for _, p := range platformTable {
		var seeded []string
		if p.GroupsOfSeededMembers {
			for i := range mixOf(100, p.Keys).Users {
				seeded = append(seeded, userEmail(i))
			}
		}
		roster := rosterConfig(p, "http://127.0.0.1:1", "t", p.ProviderExtra, 100, seeded)
		twin := wideFloorTwinConfig(p, 100, seeded)
		rosterBody := roster[strings.Index(roster, "\nresource "):]
		twinBody, found := strings.CutPrefix(twin, pluginFloorHeader())
		if !found {
			t.Fatalf("%s: the twin does not start with the floor's provider requirement:\n%.300s", p.Name, twin)
		}
		if want := strings.ReplaceAll(rosterBody, "roster_", pluginFloorType+"_"); twinBody != want {
			t.Errorf("%s: the twin's resources differ from the platform's:\n%.600s\nwant\n%.600s", p.Name, twinBody, want)
		}
		if strings.Contains(twin, "roster_") || strings.Contains(twin, `provider "roster"`) {
			t.Errorf("%s: the twin still names roster", p.Name)
		}
	}
}

func TestTwinStateRenamesOnlyRostersResources(t *testing.T) {
	state := `{
  "version": 4, "serial": 3, "lineage": "l",
  "resources": [
    {"mode": "managed", "type": "roster_user", "name": "u0", "provider": "provider[\"registry.terraform.io/rosterhq/roster\"]",
     "instances": [{"schema_version": 0, "attributes": {"id": "7", "name": "roster_user.u0"}, "private": "eyJhIjoxfQ=="}]},
    {"mode": "managed", "type": "roster_user_group", "name": "g0", "provider": "provider[\"registry.terraform.io/rosterhq/roster\"]",
     "instances": [{"schema_version": 0, "attributes": {"id": "9", "members": ["7"]}, "dependencies": ["roster_user.u0"]}]}
  ]
}`
	raw, err := twinState([]byte(state))
	if err != nil {
		t.Fatal(err)
	}
	var got, want map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal([]byte(state), &want)
	resources := want["resources"].([]any)
	for _, r := range resources {
		res := r.(map[string]any)
		res["provider"] = `provider["registry.terraform.io/rosterhq/benchfloor"]`
		res["type"] = "benchfloor" + strings.TrimPrefix(res["type"].(string), "roster")
	}
	resources[1].(map[string]any)["instances"].([]any)[0].(map[string]any)["dependencies"] = []any{"benchfloor_user.u0"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("twin state:\n%s\nwant (attributes and private data as they were):\n%v", raw, want)
	}

	other := strings.Replace(state, `rosterhq/roster`, `hashicorp/random`, 1)
	if _, err := twinState([]byte(other)); err == nil || !strings.Contains(err.Error(), "another provider") {
		t.Fatalf("a state with another provider's resource: err = %v, want one naming it", err)
	}
}
