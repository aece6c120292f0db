package authentik

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const usersPath = "/core/users/"

func userPath(id string) string { return usersPath + id + "/" }

// withoutGroupsAndRoles keeps user lists small: by default authentik embeds each user's groups and roles.
func withoutGroupsAndRoles() url.Values {
	return url.Values{"include_groups": {"false"}, "include_roles": {"false"}}
}

// CreateUser implements platform.Backend. The user is created first and the password set second (authentik
// has no password field on the user); if the second step fails, the created user is returned with the error
// so that the provider records it instead of leaving it orphaned.
//
// A create whose answer was lost is resolved by looking the user up by username, the key authentik keeps
// unique (emails may repeat).
func (c *Client) CreateUser(ctx context.Context, spec platform.UserSpec) (platform.User, error) {
	body, err := userWriteFrom(spec, true)
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
	find := func(ctx context.Context) (platform.User, error) { return c.findUserByUsername(ctx, body.Username) }
	user, err := platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
	if err != nil {
		return platform.User{}, err
	}
	if spec.Password != nil {
		if err := c.setPassword(ctx, user.ID, *spec.Password); err != nil {
			return user, fmt.Errorf("authentik user %s was created, but setting its password failed: %w", user.ID, err)
		}
	}
	return user, nil
}

// ReadUser implements platform.Backend.
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

// UpdateUser implements platform.Backend with a PATCH (a PUT would reset the user's groups and roles to []),
// then sets the password when one is given. If only the password step fails, the updated user is returned
// with the error.
func (c *Client) UpdateUser(ctx context.Context, id string, spec platform.UserSpec) (platform.User, error) {
	if err := checkUserID(id); err != nil {
		return platform.User{}, err
	}
	body, err := userWriteFrom(spec, false)
	if err != nil {
		return platform.User{}, err
	}
	var w userWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPatch, Path: userPath(id), Body: body}, &w); err != nil {
		return platform.User{}, platform.WithKind(err, platform.KindUser, id)
	}
	user := userFromWire(w)
	if spec.Password != nil {
		if err := c.setPassword(ctx, id, *spec.Password); err != nil {
			return user, fmt.Errorf("authentik user %s was updated, but setting its password failed: %w", id, err)
		}
	}
	return user, nil
}

// setPassword sets a user's password. Setting the same password twice is harmless, so the request may be
// retried like a PUT.
func (c *Client) setPassword(ctx context.Context, id string, password string) error {
	req := httpclient.Request{
		Method:     http.MethodPost,
		Path:       userPath(id) + "set_password/",
		Body:       passwordWrite{Password: password},
		Idempotent: true,
	}
	err := c.HTTP.DoJSON(ctx, req, nil)
	var invalid *platform.InvalidError
	if errors.As(err, &invalid) {
		// A password-policy refusal comes back as an empty 400, which the decoder cannot pin to a field.
		for i := range invalid.Fields {
			if invalid.Fields[i].Field.IsZero() {
				invalid.Fields[i].Field = platform.FieldPassword
			}
		}
	}
	return platform.WithKind(err, platform.KindUser, id)
}

// DeleteUser implements platform.Backend. authentik also deletes the user's tokens.
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	if err := checkUserID(id); err != nil {
		return err
	}
	err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodDelete, Path: userPath(id)}, nil)
	return apiutil.Deleted(err, platform.KindUser, id)
}

// ListUsers implements platform.Backend. The server filters by group (`groups_by_pk`), username and
// `is_active`; its `email` filter is exact and case-sensitive, so the server-side `search` fetches candidates
// for an email and the rest of the filter is applied here.
func (c *Client) ListUsers(ctx context.Context, filter platform.UserFilter) ([]platform.User, error) {
	query := withoutGroupsAndRoles()
	if filter.Email != "" {
		query.Set("search", filter.Email)
	}
	if filter.GroupID != "" {
		if err := checkGroupID(filter.GroupID); err != nil {
			return nil, err
		}
		query.Set("groups_by_pk", filter.GroupID)
	}
	if filter.Username != "" {
		query.Set("username", filter.Username)
	}
	if filter.Active != nil {
		query.Set("is_active", strconv.FormatBool(*filter.Active))
	}
	wires, err := listAll[userWire](ctx, c, usersPath, query)
	if err != nil {
		return nil, err
	}
	users := make([]platform.User, 0, len(wires))
	for _, w := range wires {
		if u := userFromWire(w); filter.Match(u) {
			users = append(users, u)
		}
	}
	return users, nil
}

// FindUserByEmail implements platform.Backend. authentik does not keep emails unique, so two users with the
// same email (ignoring case) are an error that asks for an import by id.
func (c *Client) FindUserByEmail(ctx context.Context, email string) (platform.User, error) {
	if email == "" {
		return platform.User{}, c.NotFound(ctx, platform.KindUser, email)
	}
	matches, err := c.ListUsers(ctx, platform.UserFilter{Email: email}) // exact, ignoring case
	if err != nil {
		return platform.User{}, err
	}
	return apiutil.One(ctx, c.Conn, platform.KindUser, email, matches, apiutil.UserID, func(ids []string) error {
		return fmt.Errorf("the email %q is ambiguous: authentik users %s all have it; import the user by its id instead",
			email, strings.Join(ids, ", "))
	})
}

// findUserByUsername is the natural-key lookup that adopts a user whose create answer was lost.
func (c *Client) findUserByUsername(ctx context.Context, username string) (platform.User, error) {
	query := withoutGroupsAndRoles()
	query.Set("username", username)
	wires, err := listAll[userWire](ctx, c, usersPath, query)
	if err != nil {
		return platform.User{}, err
	}
	for _, w := range wires {
		if w.Username == username {
			return userFromWire(w), nil
		}
	}
	return platform.User{}, c.NotFound(ctx, platform.KindUser, username)
}
