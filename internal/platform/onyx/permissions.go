package onyx

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// A group's permission grants and its incognito flag. Both generations have GET …/{id}/permissions and PATCH
// …/{id}/incognito; the write of grants differs: v4.6 toggles one permission per PUT ({permission, enabled}),
// the current generation replaces the toggleable set in one PUT ({permissions}). Every group keeps the
// system grant basic, which no request may toggle, so it is left out on both sides. Neither write is locked
// by a pending sync. The current generation refuses both on a default group (409); v4.6 accepts them.

var _ platform.GroupDetailReader = (*Client)(nil)

// The permissions a group may be given through the API (the Permission enum less NON_TOGGLEABLE_PERMISSIONS),
// per generation.
var (
	toggleableV46 = []string{"add:agents", "add:connectors", "create:service_account_api_keys", "create:slack_discord_bots",
		"create:user_api_keys", "manage:actions", "manage:agents", "manage:connectors", "manage:document_sets", "manage:llms",
		"manage:user_groups", "read:agent_analytics", "read:query_history"}
	toggleableCurrent = []string{"add:agents", "create:user_api_keys", "manage:actions", "manage:agents", "manage:bots",
		"manage:connectors", "manage:document_sets", "manage:llms", "manage:service_account_api_keys", "manage:user_groups",
		"read:agent_analytics", "read:query_history"}
)

// notGrantable explains the permissions Onyx has but never lets a group be given by request.
var notGrantable = map[string]string{
	"basic":         "every Onyx group grants basic by itself and it cannot be taken away; leave it out",
	"admin":         "Onyx grants admin only through its default Admin group; make people admins there instead",
	"craft_sandbox": "craft_sandbox is a scope of personal access tokens, never a group's grant",
	"manage:skills": "current Onyx does not let manage:skills be toggled on a group",
}

// permissionProblem says why a group cannot be given p on the generation ("" when it can); gen "" (not known
// yet) accepts what either generation has.
func permissionProblem(p string, gen Generation) string {
	switch {
	case notGrantable[p] != "":
		return notGrantable[p]
	case strings.HasPrefix(p, "read:") || p == "write:chat" || p == "generate:image" || p == "use:llm_gateway":
		if !slices.Contains(toggleableV46, p) && !slices.Contains(toggleableCurrent, p) {
			return p + " is implied by basic or admin and is never granted on its own"
		}
	}
	inV46, inCurrent := slices.Contains(toggleableV46, p), slices.Contains(toggleableCurrent, p)
	switch {
	case gen == GenerationV46 && !inV46 && inCurrent:
		return p + " is a permission of current Onyx; Onyx v4.6 has no such permission"
	case gen == GenerationCurrent && !inCurrent && inV46:
		return p + " is a permission of Onyx v4.6; current Onyx has no such permission"
	case !inV46 && !inCurrent:
		return fmt.Sprintf("%q is not a permission Onyx lets a group be given; current Onyx: %s; Onyx v4.6: %s",
			p, strings.Join(toggleableCurrent, ", "), strings.Join(toggleableV46, ", "))
	}
	return ""
}

// msgDefaultGroupSettings explains why current Onyx refuses permissions and incognito on a default group.
const msgDefaultGroupSettings = "current Onyx keeps its default groups (Admin, Basic) to members only: it refuses their permissions and incognito access"

// grantsOf keeps the grants a request may toggle: v4.6 lists basic (and the Admin group admin) too.
func grantsOf(listed []string) []string {
	out := []string{}
	for _, p := range listed {
		if notGrantable[p] == "" {
			out = append(out, p)
		}
	}
	return sortedSet(out)
}

// readGrants is GET …/{id}/permissions.
func (c *Client) readGrants(ctx context.Context, id int) ([]string, error) {
	var listed []string
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: groupPath(id) + "/permissions"}, &listed); err != nil {
		return nil, err
	}
	return grantsOf(listed), nil
}

// ReadGroupDetails implements platform.GroupDetailReader: the group's grants, one request, when tracked holds
// them or is nil. After an import (tracked nil) a group that grants nothing beyond basic leaves them nil,
// unmanaged, as an import leaves an empty member list.
func (c *Client) ReadGroupDetails(ctx context.Context, g platform.Group, tracked platform.Extra) (platform.Group, error) {
	extra, _ := g.Extra.(GroupExtra)
	want, _ := tracked.(GroupExtra)
	if extra.Permissions != nil || (tracked != nil && want.Permissions == nil) {
		return g, nil
	}
	n, err := checkGroupID(g.ID)
	if err != nil {
		return platform.Group{}, err
	}
	grants, err := c.readGrants(ctx, n)
	if err != nil {
		return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, g.ID)
	}
	if tracked == nil && len(grants) == 0 {
		return g, nil
	}
	extra.Permissions = grants
	g.Extra = extra
	return g, nil
}

// checkSettings holds a spec that manages grants or incognito access to the rules of the server's generation
// before anything is written, for when plan time could not know the generation.
func (c *Client) checkSettings(ctx context.Context, method, path string, spec platform.GroupSpec, extra GroupExtra) error {
	if extra.Permissions == nil && extra.IncognitoEnabled == nil {
		return nil
	}
	gen, err := c.Generation(ctx)
	if err != nil {
		return err
	}
	if errs := validateGroup(spec, gen); len(errs) > 0 {
		return apiutil.Refused(method, c.basePath+path, errs...)
	}
	return nil
}

// applySettings writes the incognito flag and the grants extra manages, once the group exists and its
// members are in. It returns the group as the incognito write answered it and the grants it now has (nil
// when unmanaged).
func (c *Client) applySettings(ctx context.Context, g groupWire, extra GroupExtra) (groupWire, []string, error) {
	if extra.Permissions == nil && (extra.IncognitoEnabled == nil || *extra.IncognitoEnabled == g.IncognitoEnabled) {
		return g, nil, nil
	}
	gen, err := c.Generation(ctx)
	if err != nil {
		return g, nil, err
	}
	if g.IsDefault && gen == GenerationCurrent {
		field := fieldPermissions
		if extra.Permissions == nil {
			field = fieldIncognito
		}
		return g, nil, apiutil.Refused(http.MethodPut, c.basePath+groupPath(g.ID), platform.FieldError{Field: field, Message: msgDefaultGroupSettings})
	}
	if extra.IncognitoEnabled != nil && *extra.IncognitoEnabled != g.IncognitoEnabled {
		req := httpclient.Request{Method: http.MethodPatch, Path: groupPath(g.ID) + "/incognito", Body: incognitoRequest{Enabled: *extra.IncognitoEnabled}}
		if err := c.HTTP.DoJSON(ctx, req, &g); err != nil {
			return g, nil, err
		}
		c.keepGroup(g)
	}
	if extra.Permissions == nil {
		return g, nil, nil
	}
	grants, err := c.setGrants(ctx, g.ID, gen, sortedSet(extra.Permissions))
	return g, grants, err
}

// setGrants makes the group's toggleable grants exactly want: one PUT on the current generation, one toggle
// per difference from the grants read first on v4.6. Both writes are idempotent.
func (c *Client) setGrants(ctx context.Context, id int, gen Generation, want []string) ([]string, error) {
	var errs fieldErrors
	for _, p := range want {
		if problem := permissionProblem(p, gen); problem != "" {
			errs.add(fieldPermissions, problem)
		}
	}
	path := groupPath(id) + "/permissions"
	if len(errs) > 0 {
		return nil, apiutil.Refused(http.MethodPut, c.basePath+path, errs...)
	}
	if gen == GenerationCurrent {
		var result []string
		err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPut, Path: path, Body: permissionsRequest{Permissions: want}}, &result)
		if err != nil {
			return nil, err
		}
		return grantsOf(result), nil
	}
	have, err := c.readGrants(ctx, id)
	if err != nil {
		return nil, err
	}
	var toggles []permissionToggle
	for _, p := range want {
		if !slices.Contains(have, p) {
			toggles = append(toggles, permissionToggle{Permission: p, Enabled: true})
		}
	}
	for _, p := range have {
		if !slices.Contains(want, p) {
			toggles = append(toggles, permissionToggle{Permission: p, Enabled: false})
		}
	}
	for _, t := range toggles {
		if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPut, Path: path, Body: t}, nil); err != nil {
			return nil, err
		}
	}
	return want, nil
}

// withGrants reports grants (when managed) in g's Extra.
func withGrants(g platform.Group, grants []string) platform.Group {
	if grants == nil {
		return g
	}
	extra, _ := g.Extra.(GroupExtra)
	extra.Permissions = grants
	g.Extra = extra
	return g
}
