package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	rosterprovider "github.com/rosterhq/terraform-provider-roster/internal/provider"
)

func TestPluginFloorConfigsAreTheFloorsGraph(t *testing.T) {
	floor := floorConfig(1000)
	for _, c := range []struct{ config, resourceType, userRef string }{
		{pluginFloorConfig(1000), `resource "benchfloor_`, "benchfloor_object.u"},
		{widePluginFloorConfig(1000), `resource "benchfloor_`, "benchfloor_user.u"},
	} {
		if a, b := strings.Count(floor, `resource "terraform_data"`), strings.Count(c.config, c.resourceType); a != b || a == 0 {
			t.Errorf("the floor has %d resources, a plugin floor %d", a, b)
		}
		if a, b := strings.Count(floor, "terraform_data.u"), strings.Count(c.config, c.userRef); a != b {
			t.Errorf("the floor has %d user references, a plugin floor %d of %q", a, b, c.userRef)
		}
		if !strings.Contains(c.config, `source = "`+pluginFloorSource+`"`) {
			t.Errorf("a plugin floor's configuration does not require %s:\n%s", pluginFloorSource, c.config[:200])
		}
	}
}

// The wide plugin floor must keep in step with roster's schemas, or it no longer prices their shape.
func TestWidePluginFloorHasRostersSchemas(t *testing.T) {
	ctx := context.Background()
	schemas := func(server tfprotov6.ProviderServer) map[string]*tfprotov6.Schema {
		resp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || len(resp.Diagnostics) > 0 {
			t.Fatalf("GetProviderSchema: %v %v", err, resp.Diagnostics)
		}
		return resp.ResourceSchemas
	}
	roster := schemas(providerserver.NewProtocol6(rosterprovider.New("test")())())
	floor := schemas(providerserver.NewProtocol6(newPluginFloor())())
	for rosterType := range wideFloorTypes {
		floorType := pluginFloorType + strings.TrimPrefix(rosterType, "roster")
		if floor[floorType] == nil {
			t.Fatalf("the plugin floor has no %s", floorType)
		}
		want, got := attributeFlags(roster[rosterType].Block.Attributes, ""), attributeFlags(floor[floorType].Block.Attributes, "")
		if strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("%s differs from %s:\nroster:\n%s\nfloor:\n%s", floorType, rosterType, strings.Join(want, "\n"), strings.Join(got, "\n"))
		}
		if !roster[rosterType].ValueType().Equal(floor[floorType].ValueType()) {
			t.Errorf("%s has another value type than %s", floorType, rosterType)
		}
	}
}

// attributeFlags lists every attribute, nested ones too, with its type and flags, sorted.
func attributeFlags(attrs []*tfprotov6.SchemaAttribute, prefix string) []string {
	var out []string
	for _, a := range attrs {
		name := prefix + a.Name
		out = append(out, fmt.Sprintf("%s %v req=%t opt=%t comp=%t sens=%t wo=%t", name, a.ValueType(), a.Required, a.Optional, a.Computed, a.Sensitive, a.WriteOnly))
		if a.NestedType != nil {
			out = append(out, attributeFlags(a.NestedType.Attributes, name+".")...)
		}
	}
	sort.Strings(out)
	return out
}

// The plugin floors must apply the mix's graph and then plan nothing, or they are no floor for a no-change plan.
func TestPluginFloorsApplyTheMixAndPlanNothingAfter(t *testing.T) {
	object := pluginFloorType + "_object"
	wide := floorTypes{pluginFloorType + "_user", pluginFloorType + "_user_group", pluginFloorType + "_api_key"}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			pluginFloorType: providerserver.NewProtocol6WithError(newPluginFloor()),
		},
		Steps: []resource.TestStep{{
			// 7 users, 1 group of 5, 2 keys, twice.
			Config: pluginFloorResources(10, floorTypes{object, object, object}) + pluginFloorResources(10, wide),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("benchfloor_object.u0", tfjsonpath.New("id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("benchfloor_object.u0", tfjsonpath.New("email"), knownvalue.StringExact(userEmail(0))),
				statecheck.ExpectKnownValue("benchfloor_object.g0", tfjsonpath.New("members"), knownvalue.ListSizeExact(5)),
				statecheck.CompareValuePairs("benchfloor_object.k1", tfjsonpath.New("user_id"),
					"benchfloor_object.u1", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("benchfloor_object.g0", tfjsonpath.New("members").AtSliceIndex(0),
					"benchfloor_object.u0", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("benchfloor_user.u0", tfjsonpath.New("email"), knownvalue.StringExact(userEmail(0))),
				statecheck.ExpectKnownValue("benchfloor_user.u0", tfjsonpath.New("authentik"), knownvalue.Null()),
				statecheck.CompareValuePairs("benchfloor_api_key.k1", tfjsonpath.New("user_id"),
					"benchfloor_user.u1", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.CompareValuePairs("benchfloor_user_group.g0", tfjsonpath.New("members").AtSliceIndex(0),
					"benchfloor_user.u0", tfjsonpath.New("id"), compare.ValuesSame()),
			},
		}},
	})
}
