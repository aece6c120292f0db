package secoda

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const usersPath = "/user/"

func userPath(id string) string { return usersPath + id + "/" }

// CreateUser implements platform.Backend by inviting the user: Secoda creates the member at once, pending
// until the person signs in. A create whose answer was lost is resolved by looking the user up by email,
// which Secoda keeps unique in a workspace. An invitation cannot start deactivated.
func (c *Client) CreateUser(ctx context.Context, spec platform.UserSpec) (platform.User, error) {
	if spec.Active != nil && !*spec.Active {
		return platform.User{}, unsupportedUserField(platform.FieldActive, reasonNoDeactivation)
	}
	body, err := userWriteFrom(spec)
	if err != nil {
		return platform.User{}, err
	}
	create := func() (platform.User, error) {
		var w userWire
		if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPost, Path: usersPath, Body: body}, &w); err != nil {
			return platform.User{}, err
		}
		return userFromWire(w), nil
	}
	find := func(ctx context.Context) (platform.User, error) { return c.FindUserByEmail(ctx, body.Email) }
	return platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
}

// ReadUser implements platform.Backend. A member deactivated in Secoda's UI is still a member (name struck
// through, address taken), read with Active false: reporting it gone would make Terraform re-invite an
// address Secoda refuses.
func (c *Client) ReadUser(ctx context.Context, id string) (platform.User, error) {
	if err := checkUserID(id); err != nil {
		return platform.User{}, err
	}
	var w userWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: userPath(id)}, &w); err != nil {
		return platform.User{}, platform.WithKind(err, platform.KindUser, id)
	}
	return userFromWire(w), nil
}

// UpdateUser implements platform.Backend with a PATCH of the managed fields. Secoda documents first_name,
// last_name and role as editable; the email is sent too, and if the answer shows it unchanged the update
// fails instead of leaving a diff that no apply can fix. The same goes for a managed Active that differs
// from the member's state: the API cannot deactivate or re-activate anyone.
func (c *Client) UpdateUser(ctx context.Context, id string, spec platform.UserSpec) (platform.User, error) {
	if err := checkUserID(id); err != nil {
		return platform.User{}, err
	}
	body, err := userWriteFrom(spec)
	if err != nil {
		return platform.User{}, err
	}
	var w userWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPatch, Path: userPath(id), Body: body}, &w); err != nil {
		return platform.User{}, platform.WithKind(err, platform.KindUser, id)
	}
	user := userFromWire(w)
	if body.Email != "" && !strings.EqualFold(user.Email, body.Email) {
		return user, fmt.Errorf("secoda did not change the email of user %s from %q to %q: its API may not allow it; replace the user instead",
			id, user.Email, body.Email)
	}
	if spec.Active != nil && *spec.Active != user.Active {
		return user, unsupportedUserField(platform.FieldActive, activationReason(user))
	}
	return user, nil
}

// DeleteUser implements platform.Backend; a user that is already gone counts as deleted.
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	if err := checkUserID(id); err != nil {
		return err
	}
	err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodDelete, Path: userPath(id)}, nil)
	return apiutil.Deleted(err, platform.KindUser, id)
}

// ListUsers implements platform.Backend: every member, deactivated ones included (Active false), as
// ReadUser reports them. Secoda documents no filters, so every page is read and the filter is applied here
// (a group filter reads the group's members).
func (c *Client) ListUsers(ctx context.Context, filter platform.UserFilter) ([]platform.User, error) {
	wires, err := listAll[userWire](ctx, c, usersPath)
	if err != nil {
		return nil, err
	}
	users := make([]platform.User, 0, len(wires))
	for _, w := range wires {
		users = append(users, userFromWire(w))
	}
	return platform.FilterUsers(ctx, users, filter, c.ReadGroup)
}

// FindUserByEmail implements platform.Backend, comparing emails case-insensitively. A deactivated member is
// found too: it still holds the address, so importing it is the way to manage it again.
func (c *Client) FindUserByEmail(ctx context.Context, email string) (platform.User, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return platform.User{}, c.NotFound(ctx, platform.KindUser, email)
	}
	matches, err := c.ListUsers(ctx, platform.UserFilter{Email: email})
	if err != nil {
		return platform.User{}, err
	}
	return apiutil.One(ctx, c.Conn, platform.KindUser, email, matches, apiutil.UserID, func(ids []string) error {
		return fmt.Errorf("the email %q is ambiguous: Secoda users %s all have it; import the user by its id instead",
			email, strings.Join(ids, ", "))
	})
}
