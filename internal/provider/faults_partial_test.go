package provider_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
)

// partialCase is a create made of two requests whose second one fails past the retry budget: the object
// exists on the server, but the create cannot finish.
type partialCase struct {
	name  string
	start func(t *testing.T) *faultTarget
	// config is the resources; the object under test is resource addr.
	config string
	addr   string
	// faults make the second step fail.
	faults func(f *faultTarget) []mockapi.FaultRule
	// wantErr names the failed step: method, path, status and the server's words.
	wantErr []string
	// serverIDs returns the ids of the objects with the natural key of addr on the server.
	serverIDs func(f *faultTarget) []string
	// completed checks, after the next apply, that the second step happened for the new object.
	completed func(f *faultTarget, s *terraform.State) error
}

// trackedObject is a plan check on the refreshed prior state: the resource at addr is there, and check
// accepts its id and tainted flag.
type trackedObject struct {
	addr  string
	check func(id string, tainted bool) error
}

func (c trackedObject) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if req.Plan.PriorState == nil || req.Plan.PriorState.Values == nil || req.Plan.PriorState.Values.RootModule == nil {
		resp.Error = fmt.Errorf("the plan has no prior state: %s was not recorded", c.addr)
		return
	}
	for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
		if r.Address == c.addr {
			id, _ := r.AttributeValues["id"].(string)
			resp.Error = c.check(id, r.Tainted)
			return
		}
	}
	resp.Error = fmt.Errorf("%s is not in state: the object created on the server is orphaned", c.addr)
}

var partialCases = []partialCase{
	{
		name:  "authentik user, then set_password",
		start: newAuthentikTarget,
		config: `
resource "roster_user" "u0" {
  email               = "partial@example.com"
  name                = "Partial User"
  password_wo         = "Pw-partial-secret-1"
  password_wo_version = 1
  authentik           = { username = "partial" }
}
`,
		addr: "roster_user.u0",
		faults: func(*faultTarget) []mockapi.FaultRule {
			// The mock numbers users from 2 (the seeded admin is 1): the new user is 2.
			return []mockapi.FaultRule{{Kind: mockapi.FaultStatus, Method: http.MethodPost, PathPrefix: "/api/v3/core/users/2/set_password/",
				Status: http.StatusInternalServerError, Body: []byte(`{"detail":"password backend unavailable"}`)}}
		},
		wantErr: []string{"Cannot create user", "authentik user 2 was created, but setting its password failed",
			"POST /api/v3/core/users/2/set_password/: 500 Internal Server Error: password backend unavailable"},
		serverIDs: func(f *faultTarget) []string {
			var list struct {
				Results []struct {
					PK int `json:"pk"`
				} `json:"results"`
			}
			f.srv.API("GET", "/core/users/?username=partial", nil, &list)
			var ids []string
			for _, r := range list.Results {
				ids = append(ids, strconv.Itoa(r.PK))
			}
			return ids
		},
		completed: func(f *faultTarget, s *terraform.State) error {
			id := s.RootModule().Resources["roster_user.u0"].Primary.ID
			for _, e := range f.srv.Log().Matching(http.MethodPost, "/api/v3/core/users/"+id+"/set_password/") {
				if e.Status == http.StatusNoContent && e.Fault == "" {
					return nil
				}
			}
			return fmt.Errorf("the password of the new user %s was never set", id)
		},
	},
	{
		name:  "authentik token, then view_key",
		start: newAuthentikTarget,
		config: `
resource "roster_api_key" "k0" {
  name = "partial-key"
}
`,
		addr: "roster_api_key.k0",
		faults: func(*faultTarget) []mockapi.FaultRule {
			return []mockapi.FaultRule{{Kind: mockapi.FaultStatus, Method: http.MethodGet, PathPrefix: "/api/v3/core/tokens/partial-key/view_key/",
				Status: http.StatusServiceUnavailable, Body: []byte(`{"detail":"secret store is sealed"}`)}}
		},
		wantErr: []string{"Cannot create API key", `authentik token "partial-key" was created, but reading its key failed`,
			"GET /api/v3/core/tokens/partial-key/view_key/: 503 Service Unavailable: secret store is sealed"},
		serverIDs: func(f *faultTarget) []string {
			if f.srv.API("GET", "/core/tokens/partial-key/", nil, nil) == http.StatusOK {
				return []string{"partial-key"}
			}
			return nil
		},
		completed: func(f *faultTarget, s *terraform.State) error {
			return f.checkKeys(s)
		},
	},
	{
		name:  "Tyk AI Studio group, then its catalogues",
		start: newTykTarget,
		config: `
resource "roster_user_group" "g0" {
  name          = "partial-team"
  tyk_ai_studio = { catalogue_ids = ["1", "2"] }
}
`,
		addr: "roster_user_group.g0",
		faults: func(*faultTarget) []mockapi.FaultRule {
			return []mockapi.FaultRule{{Kind: mockapi.FaultStatus, Method: http.MethodPut, PathPrefix: "/api/v1/groups/",
				Status: http.StatusBadGateway, Body: []byte(`{"errors":[{"title":"Bad Gateway","detail":"catalogue service unreachable"}]}`)}}
		},
		wantErr: []string{"Cannot create user group", "was created on Tyk AI Studio, but setting its catalogues failed",
			"PUT /api/v1/groups/", "/catalogues: 502 Bad Gateway: catalogue service unreachable"},
		serverIDs: func(f *faultTarget) []string {
			var list struct {
				Data []struct {
					ID         string `json:"id"`
					Attributes struct {
						Name string `json:"name"`
					} `json:"attributes"`
				} `json:"data"`
			}
			f.srv.API("GET", "/groups?search=partial-team", nil, &list)
			var ids []string
			for _, g := range list.Data {
				if g.Attributes.Name == "partial-team" {
					ids = append(ids, g.ID)
				}
			}
			return ids
		},
		completed: func(f *faultTarget, s *terraform.State) error {
			rs := s.RootModule().Resources["roster_user_group.g0"]
			if rs.Primary.Attributes["tyk_ai_studio.catalogue_ids.#"] != "2" {
				return fmt.Errorf("the new group has catalogues %v", rs.Primary.Attributes)
			}
			return nil
		},
	},
	{
		name:  "Unleash group, then reading it back",
		start: newUnleashTarget,
		config: `
resource "roster_user_group" "g0" {
  name        = "partial-team"
  description = "made in two steps"
}
`,
		addr: "roster_user_group.g0",
		faults: func(*faultTarget) []mockapi.FaultRule {
			return []mockapi.FaultRule{{Kind: mockapi.FaultStatus, Method: http.MethodGet, PathPrefix: "/api/admin/groups/",
				Status: http.StatusServiceUnavailable, Body: []byte(`{"name":"ServiceUnavailableError","message":"database failover in progress"}`)}}
		},
		wantErr: []string{"Cannot create user group", "was created, but reading it back failed",
			"GET /api/admin/groups/", "503 Service Unavailable: database failover in progress"},
		serverIDs: func(f *faultTarget) []string {
			var list struct {
				Groups []struct {
					ID   int    `json:"id"`
					Name string `json:"name"`
				} `json:"groups"`
			}
			f.srv.API("GET", "/api/admin/groups", nil, &list)
			var ids []string
			for _, g := range list.Groups {
				if g.Name == "partial-team" {
					ids = append(ids, strconv.Itoa(g.ID))
				}
			}
			return ids
		},
		completed: func(_ *faultTarget, s *terraform.State) error {
			if got := s.RootModule().Resources["roster_user_group.g0"].Primary.Attributes["description"]; got != "made in two steps" {
				return fmt.Errorf("the new group's description is %q", got)
			}
			return nil
		},
	},
	{
		name:  "Onyx group, then its managers",
		start: newOnyxTarget,
		config: `
resource "roster_user_group" "g0" {
  name    = "partial-team"
  members = ["ada@example.com"]
  onyx    = { curator_ids = ["ada@example.com"] }
}
`,
		addr: "roster_user_group.g0",
		faults: func(*faultTarget) []mockapi.FaultRule {
			// PUT …/user-group/{id}/manager; the mock numbers groups from 3 (Admin and Basic are 1 and 2).
			return []mockapi.FaultRule{{Kind: mockapi.FaultStatus, Method: http.MethodPut, PathPrefix: "/api/manage/admin/user-group/",
				Status: http.StatusInternalServerError, Body: []byte(`{"detail":"database connection lost"}`)}}
		},
		wantErr: []string{"Cannot create user group", "user group 3 was created on Onyx, but setting its curators failed",
			"PUT /api/manage/admin/user-group/3/manager: 500 Internal Server Error: database connection lost"},
		serverIDs: func(f *faultTarget) []string {
			var list []struct {
				ID   int    `json:"id"`
				Name string `json:"name"`
			}
			f.srv.API("GET", "/manage/admin/user-group", nil, &list)
			var ids []string
			for _, g := range list {
				if g.Name == "partial-team" {
					ids = append(ids, strconv.Itoa(g.ID))
				}
			}
			return ids
		},
		completed: func(f *faultTarget, s *terraform.State) error {
			rs := s.RootModule().Resources["roster_user_group.g0"]
			var list []struct {
				ID         int      `json:"id"`
				ManagerIDs []string `json:"manager_ids"`
			}
			f.srv.API("GET", "/manage/admin/user-group", nil, &list)
			for _, g := range list {
				if strconv.Itoa(g.ID) == rs.Primary.ID && slices.Equal(g.ManagerIDs, []string{onyxmock.AdaID}) {
					return nil
				}
			}
			return fmt.Errorf("the new group %s does not have Ada as its only manager: %+v", rs.Primary.ID, list)
		},
	},
	{
		name:  "Onyx API key lost, then regenerating it",
		start: newOnyxTarget,
		config: `
resource "roster_api_key" "bot" {
  name = "partial-key"
  onyx = { group_ids = ["2"] }
}
`,
		addr: "roster_api_key.bot",
		faults: func(*faultTarget) []mockapi.FaultRule {
			// The create's answer is lost; the key it made is adopted, and its secret, lost with the answer,
			// can only be had by regenerating it, which fails.
			return []mockapi.FaultRule{
				{Kind: mockapi.FaultLostResponse, Method: http.MethodPost, Path: "/api/admin/api-key", Times: 1},
				{Kind: mockapi.FaultStatus, Method: http.MethodPost, PathPrefix: "/api/admin/api-key/",
					Status: http.StatusServiceUnavailable, Body: []byte(`{"detail":"secret store unavailable"}`)},
			}
		},
		wantErr: []string{"Cannot create API key", "API key 1 was created on Onyx, but its answer was lost and regenerating its secret failed",
			"POST /api/admin/api-key/1/regenerate: 503 Service Unavailable: secret store unavailable"},
		serverIDs: func(f *faultTarget) []string {
			var list []struct {
				ID   int     `json:"api_key_id"`
				Name *string `json:"api_key_name"`
			}
			f.srv.API("GET", "/admin/api-key", nil, &list)
			var ids []string
			for _, k := range list {
				if k.Name != nil && *k.Name == "partial-key" {
					ids = append(ids, strconv.Itoa(k.ID))
				}
			}
			return ids
		},
		completed: func(f *faultTarget, s *terraform.State) error {
			return f.checkKeys(s)
		},
	},
}

// TestAccFault_partialMultiStepCreate fails the second request of a two-request create (Secoda has none:
// each of its creates is one POST). The apply fails naming that request; the state records the object that
// was created (tainted, with the server's id), so no orphan is left and the refreshed state matches the
// server; the next apply replaces it and completes, leaving exactly one object.
func TestAccFault_partialMultiStepCreate(t *testing.T) {
	t.Parallel()
	for _, tc := range partialCases {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.start(t)
			config := f.provider(1) + tc.config
			baseline := f.keys()
			var firstID string
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				CheckDestroy: func(*terraform.State) error {
					if left := f.keys().minus(baseline); left.total() != 0 {
						return fmt.Errorf("objects left after destroy: %+v", left)
					}
					return nil
				},
				Steps: []resource.TestStep{
					{
						PreConfig:   func() { f.setFaults(tc.faults(f)...) },
						Config:      config,
						ExpectError: errorRE(tc.wantErr...),
					},
					{ // the next apply completes: the half-made object is replaced, not duplicated
						PreConfig: func() { f.faults.Clear() },
						Config:    config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							// The refreshed state tracks the half-made object under its server id, tainted.
							trackedObject{addr: tc.addr, check: func(id string, tainted bool) error {
								ids := tc.serverIDs(f)
								if len(ids) != 1 || ids[0] != id {
									return fmt.Errorf("the server has %v, the state %q", ids, id)
								}
								if !tainted {
									return fmt.Errorf("%s is not tainted although its create failed half-way", tc.addr)
								}
								firstID = id
								return nil
							}},
							plancheck.ExpectResourceAction(tc.addr, plancheck.ResourceActionDestroyBeforeCreate),
						}},
						Check: func(s *terraform.State) error {
							rs := s.RootModule().Resources[tc.addr]
							ids := tc.serverIDs(f)
							if len(ids) != 1 || ids[0] != rs.Primary.ID || rs.Primary.ID == firstID && tc.addr != "roster_api_key.k0" {
								return fmt.Errorf("after the second apply the server has %v, the state %q (first %q)", ids, rs.Primary.ID, firstID)
							}
							return tc.completed(f, s)
						},
					},
				},
			})
		})
	}
}
