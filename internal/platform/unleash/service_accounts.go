package unleash

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// Service accounts (Unleash Enterprise): users without email or password that automation runs on, managed
// at /api/admin/service-account. The API has no read of one account, so reads go through a per-process
// snapshot of the list (platform.Snapshot), and the user-admin routes do not show them.

const serviceAccountsPath = "/api/admin/service-account"

func serviceAccountPath(id int) string { return serviceAccountsPath + "/" + strconv.Itoa(id) }

const serviceAccountsUnsupportedReason = "service accounts need Unleash Enterprise; this server is the open-source edition"

func unsupportedServiceAccounts(f platform.Feature) error {
	return &platform.UnsupportedError{Platform: Name, Feature: f, Reason: serviceAccountsUnsupportedReason}
}

// serviceAccountCall sends a request to the service-account API. The open-source edition has no such routes:
// the generic route 404 becomes *platform.UnsupportedError about f (remembered, so later calls fail without a
// request).
func (c *Client) serviceAccountCall(ctx context.Context, f platform.Feature, req httpclient.Request, out any) error {
	if c.serviceAccountsUnsupported.Load() {
		return unsupportedServiceAccounts(f)
	}
	err := c.HTTP.DoJSON(ctx, req, out)
	if isRouteNotFound(err) {
		c.serviceAccountsUnsupported.Store(true)
		return unsupportedServiceAccounts(f)
	}
	return err
}

var serviceAccountFeature = platform.Feature{Kind: platform.KindUser, Field: platform.FieldServiceAccount}

// loadServiceAccounts lists every service account; reads go through c.serviceAccounts instead.
func (c *Client) loadServiceAccounts(ctx context.Context) ([]serviceAccountWire, error) {
	var w serviceAccountsWire
	err := c.serviceAccountCall(ctx, serviceAccountFeature, httpclient.Request{Method: http.MethodGet, Path: serviceAccountsPath}, &w)
	return w.ServiceAccounts, err
}

// findServiceAccount looks an id up in this process's list. An open-source server has none: found is false.
func (c *Client) findServiceAccount(ctx context.Context, id int) (serviceAccountWire, bool, error) {
	w, found, err := c.serviceAccounts.Find(ctx, c.loadServiceAccounts, id)
	var unsupported *platform.UnsupportedError
	if errors.As(err, &unsupported) {
		return serviceAccountWire{}, false, nil
	}
	return w, found, err
}

// createServiceAccount is CreateUser of a service account. A create whose answer was lost is resolved by the
// username, which Unleash keeps unique (a taken one is a 409).
func (c *Client) createServiceAccount(ctx context.Context, spec platform.UserSpec) (platform.User, error) {
	body, err := serviceAccountCreateFrom(spec)
	if err != nil {
		return platform.User{}, err
	}
	create := func() (platform.User, error) {
		var w serviceAccountWire
		req := httpclient.Request{Method: http.MethodPost, Path: serviceAccountsPath, Body: body}
		if err := c.serviceAccountCall(ctx, serviceAccountFeature, req, &w); err != nil {
			return platform.User{}, certain(err)
		}
		c.serviceAccounts.Put(w)
		return userFromServiceAccount(w), nil
	}
	find := func(ctx context.Context) (platform.User, error) {
		all, err := c.loadServiceAccounts(ctx) // the server's current word, not the snapshot
		if err != nil {
			return platform.User{}, err
		}
		for _, w := range all {
			if w.Username == body.Username {
				c.serviceAccounts.Put(w)
				return userFromServiceAccount(w), nil
			}
		}
		return platform.User{}, c.NotFound(ctx, platform.KindUser, body.Username)
	}
	return platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
}

// updateServiceAccount is UpdateUser of a service account: name and role (the username cannot change).
func (c *Client) updateServiceAccount(ctx context.Context, id int, spec platform.UserSpec) (platform.User, error) {
	body, err := serviceAccountUpdateFrom(spec)
	if err != nil {
		return platform.User{}, err
	}
	var w serviceAccountWire
	req := httpclient.Request{Method: http.MethodPut, Path: serviceAccountPath(id), Body: body}
	if err := c.serviceAccountCall(ctx, serviceAccountFeature, req, &w); err != nil {
		c.serviceAccounts.Invalidate() // a write may have been applied
		return platform.User{}, platform.WithKind(err, platform.KindUser, strconv.Itoa(id))
	}
	c.serviceAccounts.Put(w)
	return userFromServiceAccount(w), nil
}

// deleteServiceAccount deletes the account and, with it, its tokens.
func (c *Client) deleteServiceAccount(ctx context.Context, id int) error {
	err := c.serviceAccountCall(ctx, serviceAccountFeature, httpclient.Request{Method: http.MethodDelete, Path: serviceAccountPath(id)}, nil)
	if err == nil || platform.IsNotFound(err) {
		c.serviceAccounts.Remove(id)
	}
	return apiutil.Deleted(err, platform.KindUser, strconv.Itoa(id))
}

func userFromServiceAccount(w serviceAccountWire) platform.User {
	return platform.User{
		ID:             strconv.Itoa(w.ID),
		Name:           w.Name,
		Role:           roleFromID(w.RootRole),
		Active:         true,
		ServiceAccount: true,
		Extra:          UserExtra{Username: w.Username},
	}
}

// serviceAccountCreateFrom builds createServiceAccountSchema: the role is an id (Viewer unless managed).
func serviceAccountCreateFrom(spec platform.UserSpec) (serviceAccountCreate, error) {
	extra, err := platform.ExtraAs[UserExtra](spec.Extra)
	if err != nil {
		return serviceAccountCreate{}, err
	}
	role, err := serviceAccountRole(spec.Role)
	return serviceAccountCreate{Username: extra.Username, Name: spec.Name, RootRole: role}, err
}

func serviceAccountUpdateFrom(spec platform.UserSpec) (serviceAccountUpdate, error) {
	if _, err := platform.ExtraAs[UserExtra](spec.Extra); err != nil {
		return serviceAccountUpdate{}, err
	}
	body := serviceAccountUpdate{Name: spec.Name}
	if spec.Role != nil {
		role, err := serviceAccountRole(spec.Role)
		if err != nil {
			return serviceAccountUpdate{}, err
		}
		body.RootRole = &role
	}
	return body, nil
}

func serviceAccountRole(role *string) (int, error) {
	if role == nil {
		return roleViewer, nil
	}
	id, err := roleID(*role)
	if err != nil {
		return 0, platform.InvalidField(platform.FieldRole, err.Error())
	}
	return id, nil
}
