package unleash

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const usersPath = "/api/admin/user-admin"

func userPath(id int) string { return usersPath + "/" + strconv.Itoa(id) }

// CreateUser implements platform.Backend. The password, when given, goes into the create body (Unleash does
// not check its strength there; ValidateUser applies the rules change-password would). The answer carries the
// user, its role echoed as sent; only an answer without the fields the schema leaves optional is followed by
// a GET, and if only that read fails, the user's id is returned with the error.
//
// A create whose answer was lost is resolved by looking the user up by email (unique, case-insensitive), or
// by username for a user without email.
func (c *Client) CreateUser(ctx context.Context, spec platform.UserSpec) (platform.User, error) {
	if spec.ServiceAccount {
		return c.createServiceAccount(ctx, spec)
	}
	body, err := userCreateFrom(spec)
	if err != nil {
		return platform.User{}, err
	}
	create := func() (platform.User, error) {
		var created createdUserWire
		err := c.limitedCall(ctx, httpclient.Request{Method: http.MethodPost, Path: usersPath, Body: body}, &created)
		if err != nil {
			// A duplicate username is a 500 from the database: certain, not ambiguous.
			return platform.User{}, certain(err)
		}
		if user, complete := userFromCreated(created, body); complete {
			return user, nil
		}
		return platform.User{ID: strconv.Itoa(created.ID)}, nil
	}
	find := func(ctx context.Context) (platform.User, error) {
		if body.Email != "" {
			return c.FindUserByEmail(ctx, body.Email)
		}
		return c.findUserByUsername(ctx, body.Username)
	}
	created, err := platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
	if err != nil || created.Role != "" {
		return created, err
	}
	user, err := c.ReadUser(ctx, created.ID)
	if err != nil {
		// The user exists: hand back its id so the provider records it instead of orphaning it.
		return platform.User{ID: created.ID}, fmt.Errorf("the Unleash user %s was created, but reading it back failed: %w", created.ID, err)
	}
	return user, nil
}

// ReadUser implements platform.Backend. The user-admin routes do not show service accounts, so an id they
// do not know is looked up among the service accounts (one list per process, none on the open-source edition).
func (c *Client) ReadUser(ctx context.Context, id string) (platform.User, error) {
	n, err := parseNumericID("user", id)
	if err != nil {
		return platform.User{}, err
	}
	user, err := c.readUser(ctx, n)
	if !platform.IsNotFound(err) {
		return user, err
	}
	sa, found, saErr := c.findServiceAccount(ctx, n)
	switch {
	case saErr != nil:
		return platform.User{}, saErr
	case found:
		return userFromServiceAccount(sa), nil
	}
	return platform.User{}, err
}

func (c *Client) readUser(ctx context.Context, id int) (platform.User, error) {
	var w userWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: userPath(id)}, &w); err != nil {
		return platform.User{}, platform.WithKind(err, platform.KindUser, strconv.Itoa(id))
	}
	return userFromWire(w), nil
}

// UpdateUser implements platform.Backend: a PUT of name, email and role (Unleash cannot change the username,
// nor clear name or email), the password through change-password when one is given, then a GET. If only the
// password step fails, the updated user is returned with the error.
func (c *Client) UpdateUser(ctx context.Context, id string, spec platform.UserSpec) (platform.User, error) {
	n, err := parseNumericID("user", id)
	if err != nil {
		return platform.User{}, err
	}
	if spec.ServiceAccount {
		return c.updateServiceAccount(ctx, n, spec)
	}
	body, err := userUpdateFrom(spec)
	if err != nil {
		return platform.User{}, err
	}
	if err := c.checkEmailFree(ctx, n, body.Email); err != nil {
		return platform.User{}, err
	}
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPut, Path: userPath(n), Body: body}, nil); err != nil {
		return platform.User{}, platform.WithKind(err, platform.KindUser, id)
	}
	if spec.Password != nil {
		if err := c.setPassword(ctx, n, *spec.Password); err != nil {
			user, _ := c.readUser(ctx, n) // best effort: the provider records what was updated
			return user, fmt.Errorf("the Unleash user %d was updated, but setting its password failed: %w", n, err)
		}
	}
	return c.readUser(ctx, n)
}

// checkEmailFree turns "another user has this email" into a ConflictError before the PUT: Unleash answers
// it with a 500 from the database, which httpclient would retry several times first.
func (c *Client) checkEmailFree(ctx context.Context, id int, email string) error {
	if email == "" {
		return nil
	}
	hits, err := c.search(ctx, email)
	if err != nil {
		return err
	}
	for _, h := range hits {
		if strings.EqualFold(h.Email, email) && h.ID != id {
			apiErr := &platform.APIError{Method: http.MethodPut, Path: userPath(id), Status: http.StatusConflict,
				Message: fmt.Sprintf("Unleash user %d already has the email %s", h.ID, h.Email)}
			return &platform.ConflictError{Fields: []platform.FieldError{{Field: platform.FieldEmail, Message: apiErr.Message}}, Err: apiErr}
		}
	}
	return nil
}

// setPassword sets a user's password; Unleash applies its password rules here. Setting the same password
// twice is harmless (the admin route does not refuse reused passwords), so the request may be retried.
func (c *Client) setPassword(ctx context.Context, id int, password string) error {
	req := httpclient.Request{
		Method: http.MethodPost, Path: userPath(id) + "/change-password",
		Body: passwordWrite{Password: password}, Idempotent: true,
	}
	return platform.WithKind(c.limitedCall(ctx, req, nil), platform.KindUser, strconv.Itoa(id))
}

// DeleteUser implements platform.Backend. Unleash deletes softly and at once; a second delete is a 404, which
// counts as deleted. A service account (found in this process's list) is deleted through its own route.
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	n, err := parseNumericID("user", id)
	if err != nil {
		return err
	}
	if _, found, err := c.findServiceAccount(ctx, n); err != nil {
		return err
	} else if found {
		return c.deleteServiceAccount(ctx, n)
	}
	err = c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodDelete, Path: userPath(n)}, nil)
	return apiutil.Deleted(err, platform.KindUser, id)
}

// ListUsers implements platform.Backend with one request: Unleash returns every user at once and filters on
// nothing, so the filter is applied here (a group filter reads the group's members).
func (c *Client) ListUsers(ctx context.Context, filter platform.UserFilter) ([]platform.User, error) {
	var w usersWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: usersPath}, &w); err != nil {
		return nil, err
	}
	users := make([]platform.User, len(w.Users))
	for i, u := range w.Users {
		users[i] = userFromWire(u)
	}
	return platform.FilterUsers(ctx, users, filter, c.ReadGroup)
}

// FindUserByEmail implements platform.Backend. Unleash keeps emails unique and lowercased. The search
// endpoint (emails starting with the query) keeps this to two small requests whatever the number of users;
// its hits carry no role, so the match is read by id.
func (c *Client) FindUserByEmail(ctx context.Context, email string) (platform.User, error) {
	if len(email) < 2 { // the search ignores queries shorter than two characters
		return platform.User{}, c.NotFound(ctx, platform.KindUser, email)
	}
	hits, err := c.search(ctx, email)
	if err != nil {
		return platform.User{}, err
	}
	for _, h := range hits {
		if strings.EqualFold(h.Email, email) {
			return c.readUser(ctx, h.ID)
		}
	}
	return platform.User{}, c.NotFound(ctx, platform.KindUser, email)
}

// findUserByUsername adopts a username-only user whose create answer was lost.
func (c *Client) findUserByUsername(ctx context.Context, username string) (platform.User, error) {
	if len(username) >= 2 {
		hits, err := c.search(ctx, username)
		if err != nil {
			return platform.User{}, err
		}
		for _, h := range hits {
			if h.Username == username {
				return c.readUser(ctx, h.ID)
			}
		}
	}
	return platform.User{}, c.NotFound(ctx, platform.KindUser, username)
}

func (c *Client) search(ctx context.Context, q string) ([]userWire, error) {
	var hits []userWire
	req := httpclient.Request{Method: http.MethodGet, Path: usersPath + "/search", Query: url.Values{"q": {q}}}
	if err := c.HTTP.DoJSON(ctx, req, &hits); err != nil {
		return nil, err
	}
	return hits, nil
}

// userFromCreated maps a create answer that carries everything a GET would; complete is false otherwise.
// Like a GET, the answer leaves out what the user does not have, so only a field that was sent must be there.
func userFromCreated(w createdUserWire, sent userCreate) (user platform.User, complete bool) {
	for _, f := range []struct {
		sent string
		got  *string
	}{{sent.Email, w.Email}, {sent.Name, w.Name}, {sent.Username, w.Username}} {
		if f.sent != "" && f.got == nil {
			return platform.User{}, false
		}
	}
	var role int
	if json.Unmarshal(w.RootRole, &role) != nil {
		var name string
		if json.Unmarshal(w.RootRole, &name) != nil {
			return platform.User{}, false
		}
		var err error
		if role, err = roleID(name); err != nil {
			return platform.User{}, false
		}
	}
	return userFromWire(userWire{ID: w.ID, Email: deref(w.Email), Name: deref(w.Name), Username: deref(w.Username), RootRole: role}), true
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// userFromWire maps a user read by GET. Active is always true: Unleash users cannot be deactivated.
func userFromWire(w userWire) platform.User {
	return platform.User{
		ID:     strconv.Itoa(w.ID),
		Email:  w.Email,
		Name:   w.Name,
		Role:   roleFromID(w.RootRole),
		Active: true,
		// A user-admin answer that shows a service account says so.
		ServiceAccount: w.AccountType == accountTypeServiceAccount,
		Extra:          UserExtra{Username: w.Username},
	}
}

const accountTypeServiceAccount = "Service Account"

// userCreateFrom builds the create body. A user whose role Terraform does not manage is created as a Viewer,
// the least privilege (Unleash requires a role).
func userCreateFrom(spec platform.UserSpec) (userCreate, error) {
	extra, err := platform.ExtraAs[UserExtra](spec.Extra)
	if err != nil {
		return userCreate{}, err
	}
	body := userCreate{Email: spec.Email, Username: extra.Username, Name: spec.Name, RootRole: "Viewer"}
	if spec.Role != nil {
		if body.RootRole, err = userRoleValue(*spec.Role); err != nil {
			return userCreate{}, fmt.Errorf("%s: %w", platform.FieldRole, err)
		}
	}
	if extra.SendEmail != nil {
		body.SendEmail = *extra.SendEmail
	}
	if spec.Password != nil {
		body.Password = *spec.Password
	}
	return body, nil
}

func userUpdateFrom(spec platform.UserSpec) (userUpdate, error) {
	if _, err := platform.ExtraAs[UserExtra](spec.Extra); err != nil {
		return userUpdate{}, err
	}
	body := userUpdate{Email: spec.Email, Name: spec.Name}
	if spec.Role != nil {
		role, err := userRoleValue(*spec.Role)
		if err != nil {
			return userUpdate{}, fmt.Errorf("%s: %w", platform.FieldRole, err)
		}
		body.RootRole = role
	}
	return body, nil
}
