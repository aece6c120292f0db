package tykaistudio

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const usersPath = "/users"

func userPath(id string) string { return usersPath + "/" + id }

// msgNoPasswordChange explains why UpdateUser refuses a password.
const msgNoPasswordChange = "Tyk AI Studio cannot change a password through its API (PATCH /users/{id} ignores it); " +
	"the user can reset it with the forgot-password email, or replace the user to create it with a new password"

// CreateUser implements platform.Backend. A create whose answer was lost is resolved by looking the
// user up by email, which the server keeps unique (case-insensitively).
//
// Without a password the API creates a user who can log in with an EMPTY password, so a random one
// nobody knows is sent instead: the user then logs in through SSO or resets it by email.
func (c *Client) CreateUser(ctx context.Context, spec platform.UserSpec) (platform.User, error) {
	if errs := c.ValidateUser(spec); len(errs) > 0 {
		return platform.User{}, apiutil.Refused(http.MethodPost, c.basePath+usersPath, errs...)
	}
	extra, _ := platform.ExtraAs[UserExtra](spec.Extra) // checked by ValidateUser
	in := userInputFor(spec, extra, nil)
	if spec.Password != nil {
		in.Password = *spec.Password
	} else {
		in.Password = randomPassword()
	}
	body := newRequest("users", in)
	create := func() (platform.User, error) {
		var env envelope[userWire]
		if err := c.call(ctx, httpclient.Request{Method: http.MethodPost, Path: usersPath, Body: body}, &env); err != nil {
			return platform.User{}, err
		}
		return userFromWire(env.Data), nil
	}
	find := func(ctx context.Context) (platform.User, error) { return c.FindUserByEmail(ctx, spec.Email) }
	return platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
}

// ReadUser implements platform.Backend.
func (c *Client) ReadUser(ctx context.Context, id string) (platform.User, error) {
	w, err := c.getUser(ctx, id)
	if err != nil {
		return platform.User{}, err
	}
	return userFromWire(w), nil
}

func (c *Client) getUser(ctx context.Context, id string) (userWire, error) {
	if err := checkUserID(id); err != nil {
		return userWire{}, err
	}
	var env envelope[userWire]
	if err := c.call(ctx, httpclient.Request{Method: http.MethodGet, Path: userPath(id)}, &env); err != nil {
		return userWire{}, platform.WithKind(err, platform.KindUser, id)
	}
	return env.Data, nil
}

// UpdateUser implements platform.Backend. The API's PATCH replaces the whole user, so the user is
// read first and the complete object sent: the spec's values, and the current ones for flags the
// spec leaves unmanaged. Someone changing the user between the read and the PATCH loses that change.
func (c *Client) UpdateUser(ctx context.Context, id string, spec platform.UserSpec) (platform.User, error) {
	if err := checkUserID(id); err != nil {
		return platform.User{}, err
	}
	if spec.Password != nil {
		return platform.User{}, apiutil.Refused(http.MethodPatch, c.basePath+userPath(id), platform.FieldError{Field: platform.FieldPassword, Message: msgNoPasswordChange})
	}
	if errs := c.ValidateUser(spec); len(errs) > 0 {
		return platform.User{}, apiutil.Refused(http.MethodPatch, c.basePath+userPath(id), errs...)
	}
	extra, _ := platform.ExtraAs[UserExtra](spec.Extra)
	current, err := c.getUser(ctx, id)
	if err != nil {
		return platform.User{}, err
	}
	body := newRequest("users", userInputFor(spec, extra, &current))
	var env envelope[userWire]
	if err := c.call(ctx, httpclient.Request{Method: http.MethodPatch, Path: userPath(id), Body: body}, &env); err != nil {
		return platform.User{}, platform.WithKind(err, platform.KindUser, id)
	}
	return userFromWire(env.Data), nil
}

// DeleteUser implements platform.Backend. The server soft-deletes at once. The user is looked up
// first because a DELETE of a missing user answers 500, which the transport would retry with backoff
// before it reads as "not found"; a user that is already gone counts as deleted.
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	if _, err := c.getUser(ctx, id); err != nil {
		if platform.IsNotFound(err) {
			return nil
		}
		return err
	}
	err := c.call(ctx, httpclient.Request{Method: http.MethodDelete, Path: userPath(id)}, nil)
	return apiutil.Deleted(err, platform.KindUser, id)
}

// ListUsers implements platform.Backend. The server's `search` (a substring of the email or name,
// case-sensitive on Postgres) only fetches candidates for an email; the filter is applied here (a group
// filter reads the group's members).
func (c *Client) ListUsers(ctx context.Context, filter platform.UserFilter) ([]platform.User, error) {
	var query url.Values
	if filter.Email != "" {
		query = url.Values{"search": {filter.Email}}
	}
	wires, err := listAll[userWire](ctx, c, usersPath, query)
	if err != nil {
		return nil, err
	}
	users := make([]platform.User, len(wires))
	for i, w := range wires {
		users[i] = userFromWire(w)
	}
	return platform.FilterUsers(ctx, users, filter, c.ReadGroup)
}

// FindUserByEmail implements platform.Backend. The search is tried with the email as written first;
// if that misses (LIKE is case-sensitive on Postgres), the whole list is compared case-insensitively.
func (c *Client) FindUserByEmail(ctx context.Context, email string) (platform.User, error) {
	if strings.TrimSpace(email) == "" {
		return platform.User{}, c.NotFound(ctx, platform.KindUser, email)
	}
	for _, query := range []url.Values{{"search": {email}}, nil} {
		wires, err := listAll[userWire](ctx, c, usersPath, query)
		if err != nil {
			return platform.User{}, err
		}
		var matches []userWire
		for _, w := range wires {
			if strings.EqualFold(w.Attributes.Email, email) {
				matches = append(matches, w)
			}
		}
		if len(matches) == 0 {
			continue
		}
		w, err := apiutil.One(ctx, c.Conn, platform.KindUser, email, matches, func(w userWire) string { return w.ID }, func(ids []string) error {
			return fmt.Errorf("the email %q is ambiguous: Tyk AI Studio users %s all have it; import the user by its id instead",
				email, strings.Join(ids, ", "))
		})
		if err != nil {
			return platform.User{}, err
		}
		return userFromWire(w), nil
	}
	return platform.User{}, c.NotFound(ctx, platform.KindUser, email)
}

// randomPassword is 32 random bytes, plus one character of each class the server's self-service
// password rules ask for, in case a future version applies them to the admin path too.
func randomPassword() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b) + "aA1!"
}
