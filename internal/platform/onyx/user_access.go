package onyx

import (
	"context"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
)

const (
	setRolePath     = "/manage/set-user-role"
	adminAccessPath = "/manage/admin/users/admin-access"
)

// setRole gives a signed-up user the portable role through the generation's own mechanism: v4.6
// stores the role itself; the current generation has none and makes admins by membership of the
// Admin group, which admin-access toggles. The role has been validated for the generation.
func (c *Client) setRole(ctx context.Context, email, role string) error {
	gen, err := c.Generation(ctx)
	if err != nil {
		return err
	}
	if gen == GenerationCurrent {
		body := adminAccessRequest{UserEmail: email, IsAdmin: role == roleAdmin}
		return c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPatch, Path: adminAccessPath, Body: body}, nil)
	}
	body := setRoleRequest{UserEmail: email, NewRole: role}
	return c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPatch, Path: setRolePath, Body: body}, nil)
}
