package onyx

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// Onyx has no route that creates a user: an admin invites an email address and the user appears when
// the person signs up. roster_user is that invitation. Its id is the lower-cased email, known at
// once and unchanged by the sign-up; Extra.Status says how far it got.

const (
	invitePath     = "/manage/admin/users"
	uninvitePath   = "/manage/admin/remove-invited-user"
	deactivatePath = "/manage/admin/deactivate-user"
	activatePath   = "/manage/admin/activate-user"
	deleteUserPath = "/manage/admin/delete-user"
)

// CreateUser implements platform.Backend by inviting the address. An address that already is a user
// or has a pending invitation is a conflict: adopting it silently would let a later destroy delete
// a person's account. A new invitation cannot take a role other than basic or be inactive yet: the
// API changes both only for people who have signed up.
//
// The address is checked against the directory this process reads once (inDirectory), which records the
// invitation, so N invitations cost one list and N PUTs. The answer to the PUT is only a count, but a 200
// means the address is in the invitation list: the invitation is returned as sent, without reading it back.
func (c *Client) CreateUser(ctx context.Context, spec platform.UserSpec) (platform.User, error) {
	email := strings.TrimSpace(spec.Email)
	if err := c.checkUserSpec(ctx, http.MethodPut, invitePath, spec); err != nil {
		return platform.User{}, err
	}
	if fields := pendingUserProblems(email, spec); len(fields) > 0 {
		return platform.User{}, apiutil.Refused(http.MethodPut, c.basePath+invitePath, fields...)
	}
	existing, taken, err := c.claimInvitation(ctx, email)
	if err != nil {
		return platform.User{}, err
	}
	if taken {
		what := "a user"
		if x, _ := existing.Extra.(UserExtra); x.Status == StatusInvited {
			what = "a pending invitation"
		}
		return platform.User{}, &platform.ConflictError{
			Fields: []platform.FieldError{{Field: platform.FieldEmail, Message: fmt.Sprintf("Onyx already has %s for %s (id %s); import it instead of creating it",
				what, existing.Email, existing.ID)}},
			Err: &platform.APIError{Method: http.MethodPut, Path: c.basePath + invitePath, Message: "not sent: the address is taken"},
		}
	}
	// The invitation is a PUT, which the HTTP client resends by itself; when no attempt got a clear
	// answer, one may still have been applied, so the create is ambiguous and the address is looked up
	// on the server. If that lookup fails too, the user is returned with the error (its id is the
	// address, known before any answer), so Terraform records it instead of leaving an invitation no
	// state knows of: one that does not exist after all is dropped by the next refresh.
	var maybeSent bool
	create := func() (platform.User, error) {
		err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPut, Path: invitePath, Body: inviteRequest{Emails: []string{email}}}, nil)
		if unanswered(err) {
			maybeSent = true // until a lookup finds no invitation
			return platform.User{}, &platform.AmbiguousError{Err: err}
		}
		if err != nil {
			return platform.User{}, err
		}
		return invitedUser(normalizedEmail(email)), nil
	}
	find := func(ctx context.Context) (platform.User, error) {
		u, err := c.FindUserByEmail(ctx, email)
		if platform.IsNotFound(err) {
			maybeSent = false
		}
		return u, err
	}
	u, err := platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
	switch {
	case err == nil:
		return u, nil
	case maybeSent:
		c.forgetDirectory()
		return invitedUser(normalizedEmail(email)), fmt.Errorf("the invitation of %s may have reached Onyx, but looking it up failed: %w", email, err)
	}
	c.forgetPerson(userID(email)) // not invited: the claim is withdrawn
	return platform.User{}, err
}

// unanswered reports whether a request failed without a clear answer (no response, or a 5xx): the
// server may have applied it.
func unanswered(err error) bool {
	var apiErr *platform.APIError
	return errors.As(err, &apiErr) && (apiErr.Status == 0 || apiErr.Status >= 500)
}

// pendingUserProblems lists what a spec asks of a person who has not signed up that Onyx cannot do.
func pendingUserProblems(email string, spec platform.UserSpec) []platform.FieldError {
	var out []platform.FieldError
	if spec.Role != nil && normalRole(*spec.Role) != roleBasic {
		out = append(out, platform.FieldError{Field: platform.FieldRole, Message: email + " has not accepted the invitation yet: Onyx can change the role " +
			"only of a user who has signed up (everyone starts as basic); they must accept the invitation first"})
	}
	if spec.Active != nil && !*spec.Active {
		out = append(out, platform.FieldError{Field: platform.FieldActive, Message: email + " has not accepted the invitation yet: Onyx can deactivate " +
			"only a user who has signed up; remove the roster_user to withdraw the invitation"})
	}
	return out
}

// checkUserSpec validates a spec for the server's generation (detected only when a role needs it).
func (c *Client) checkUserSpec(ctx context.Context, method, path string, spec platform.UserSpec) error {
	gen := c.knownGeneration()
	if spec.Role != nil && gen == "" {
		var err error
		if gen, err = c.Generation(ctx); err != nil {
			return err
		}
	}
	if errs := validateUser(spec, gen); len(errs) > 0 {
		return apiutil.Refused(method, c.basePath+path, errs...)
	}
	return nil
}

// ReadUser implements platform.Backend: the user, or the pending invitation, with that email.
func (c *Client) ReadUser(ctx context.Context, id string) (platform.User, error) {
	if err := checkUserID(id); err != nil {
		return platform.User{}, err
	}
	dir, err := c.directoryFor(ctx, userID(id))
	if err != nil {
		return platform.User{}, err
	}
	u, ok := dir.lookup(userID(id))
	if !ok {
		return platform.User{}, c.NotFound(ctx, platform.KindUser, id)
	}
	return u, nil
}

// FindUserByEmail implements platform.Backend; emails compare case-insensitively, as Onyx's do.
func (c *Client) FindUserByEmail(ctx context.Context, email string) (platform.User, error) {
	if !looksLikeEmail(strings.TrimSpace(email)) {
		return platform.User{}, c.NotFound(ctx, platform.KindUser, email)
	}
	return c.ReadUser(ctx, userID(email))
}

// ListUsers implements platform.Backend: users and pending invitations, without API keys' service
// accounts. An email filter reads only that address's page of the directory; the rest of the filter is
// applied here (a group filter reads the group's members).
func (c *Client) ListUsers(ctx context.Context, filter platform.UserFilter) ([]platform.User, error) {
	var dir directory
	var err error
	if filter.Email != "" {
		dir, err = c.directoryFor(ctx, userID(filter.Email))
	} else {
		dir, err = c.readDirectory(ctx, "")
	}
	if err != nil {
		return nil, err
	}
	return platform.FilterUsers(ctx, dir.all(), filter, c.ReadGroup)
}

// UpdateUser implements platform.Backend: role and activity, for people who have signed up. The
// email cannot change (it is the id); a pending invitation can only be left as it is.
func (c *Client) UpdateUser(ctx context.Context, id string, spec platform.UserSpec) (platform.User, error) {
	defer c.forgetGroups() // on current Onyx a role change moves the user in or out of the Admin group
	if err := checkUserID(id); err != nil {
		return platform.User{}, err
	}
	if !strings.EqualFold(strings.TrimSpace(spec.Email), id) {
		return platform.User{}, apiutil.Refused(http.MethodPatch, c.basePath+deactivatePath, platform.FieldError{Field: platform.FieldEmail,
			Message: "Onyx cannot change a user's email address; replace the roster_user instead"})
	}
	if err := c.checkUserSpec(ctx, http.MethodPatch, deactivatePath, spec); err != nil {
		return platform.User{}, err
	}
	dir, err := c.directoryFor(ctx, userID(id))
	if err != nil {
		return platform.User{}, err
	}
	current, ok := dir.users[userID(id)]
	if !ok {
		if inv, pending := dir.invited[userID(id)]; pending {
			if fields := pendingUserProblems(inv, spec); len(fields) > 0 {
				return platform.User{}, apiutil.Refused(http.MethodPatch, c.basePath+deactivatePath, fields...)
			}
			return invitedUser(inv), nil
		}
		return platform.User{}, c.NotFound(ctx, platform.KindUser, id)
	}
	if spec.Role != nil && normalRole(*spec.Role) != roleOf(current) {
		if err := c.setRole(ctx, current.Email, normalRole(*spec.Role)); err != nil {
			return platform.User{}, platform.WithKind(err, platform.KindUser, id)
		}
	}
	if spec.Active != nil && *spec.Active != current.IsActive {
		path := deactivatePath
		if *spec.Active {
			path = activatePath
		}
		if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPatch, Path: path, Body: userByEmail{UserEmail: current.Email}}, nil); err != nil {
			return platform.User{}, platform.WithKind(err, platform.KindUser, id)
		}
	}
	return c.ReadUser(ctx, id)
}

// DeleteUser implements platform.Backend: a pending invitation is withdrawn; a user is deactivated
// (Onyx deletes only deactivated users) and then deleted, which also drops their group memberships.
// A user who is already gone counts as deleted.
func (c *Client) DeleteUser(ctx context.Context, id string) (err error) {
	defer func() {
		c.forgetGroups() // a deleted user has left every group
		if err == nil {
			c.forgetPerson(userID(id))
		} else {
			c.forgetDirectory()
		}
	}()
	if err := checkUserID(id); err != nil {
		return err
	}
	dir, err := c.directoryFor(ctx, userID(id))
	if err != nil {
		return err
	}
	if inv, pending := dir.invited[userID(id)]; pending {
		// The match is exact against the stored form, which is the one listed.
		return c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPatch, Path: uninvitePath, Body: userByEmail{UserEmail: inv}}, nil)
	}
	u, ok := dir.users[userID(id)]
	if !ok {
		return nil
	}
	if u.IsActive {
		err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPatch, Path: deactivatePath, Body: userByEmail{UserEmail: u.Email}}, nil)
		if err != nil && !platform.IsNotFound(err) {
			return err
		}
	}
	err = c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodDelete, Path: deleteUserPath, Body: userByEmail{UserEmail: u.Email}}, nil)
	return apiutil.Deleted(err, platform.KindUser, id)
}
