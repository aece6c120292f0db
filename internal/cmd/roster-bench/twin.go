package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A platform's twin is the refresh target's floor (issue 18): the platform run's own configuration and
// state, with roster's resources renamed to the wide plugin floor's. Terraform then parses, evaluates,
// validates and diffs the same values with the same schemas, and only the provider differs: one that does
// nothing instead of roster with its API. The wide floor's own run, whose users set only an email and a
// name and whose state holds no platform object, stays as context: against it, a platform whose
// configuration sets more would also be charged for terraform's work on its configuration.

// twinDir is the twin of a platform's run directory.
func twinDir(dir string) string { return dir + "-twin" }

// rosterProviderAddress and floorProviderAddress are the providers a state names.
var (
	rosterProviderAddress = `provider["registry.terraform.io/rosterhq/roster"]`
	floorProviderAddress  = fmt.Sprintf(`provider["registry.terraform.io/%s"]`, pluginFloorSource)
)

// writeTwinState writes the state of the run in dir, as the twin's, into twin: every roster resource becomes
// the wide plugin floor's resource of the same kind, with its attributes as they are.
func writeTwinState(dir, twin string) error {
	raw, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		return err
	}
	out, err := twinState(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	return os.WriteFile(filepath.Join(twin, "terraform.tfstate"), out, 0o644)
}

// twinState renames a state's roster resources (their type, provider and the dependencies naming them) and
// leaves everything else, attributes and private data included, as it is.
func twinState(raw []byte) ([]byte, error) {
	var state map[string]any
	if err := json.Unmarshal(raw, &state); err != nil {
		return nil, err
	}
	resources, _ := state["resources"].([]any)
	for _, r := range resources {
		res, _ := r.(map[string]any)
		if res == nil || res["provider"] != rosterProviderAddress {
			return nil, fmt.Errorf("the state has a resource of another provider: %v", r)
		}
		res["provider"] = floorProviderAddress
		res["type"] = twinName(fmt.Sprint(res["type"]))
		instances, _ := res["instances"].([]any)
		for _, i := range instances {
			inst, _ := i.(map[string]any)
			deps, _ := inst["dependencies"].([]any)
			for j, d := range deps {
				deps[j] = twinName(fmt.Sprint(d))
			}
		}
	}
	return json.MarshalIndent(state, "", "  ")
}

// twinName renames a roster resource type, or an address starting with one: roster_user.u1 is
// benchfloor_user.u1.
func twinName(s string) string {
	if rest, ok := strings.CutPrefix(s, "roster_"); ok {
		return pluginFloorType + "_" + rest
	}
	return s
}
