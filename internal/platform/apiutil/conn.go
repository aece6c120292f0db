package apiutil

import (
	"context"
	"fmt"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Conn is a platform client's connection to its API. Embedded in the client, it gives it ConfirmNotFound
// (platform.NotFoundConfirmer) and NotFound.
type Conn struct {
	HTTP *httpclient.Client
}

// Wiring is what a client sets on the provider's transport settings: where the API is, how requests
// authenticate, how errors decode and how the API is told from another server.
type Wiring struct {
	Platform      platform.Name
	BaseURL       string
	Authorization string
	DecodeError   httpclient.ErrorDecoder
	Identity      *httpclient.Identity
}

// Connect builds the HTTP client from the provider's settings and the client's wiring, which overrides them.
func Connect(cfg httpclient.Config, w Wiring) (Conn, error) {
	cfg.BaseURL = w.BaseURL
	cfg.Platform = string(w.Platform)
	cfg.Authorization = w.Authorization
	cfg.DecodeError = w.DecodeError
	cfg.Identity = w.Identity
	hc, err := httpclient.New(cfg)
	if err != nil {
		return Conn{}, fmt.Errorf("%s: %w", w.Platform, err)
	}
	return Conn{HTTP: hc}, nil
}

var _ platform.NotFoundConfirmer = Conn{}

// ConfirmNotFound implements platform.NotFoundConfirmer.
func (c Conn) ConfirmNotFound(ctx context.Context, err error) error {
	return c.HTTP.ConfirmNotFound(ctx, err)
}

// NotFound is the error of a lookup that found nothing. A listing that did not contain the object proves
// nothing until the server is known to be the platform's API, which ConfirmNotFound checks once.
func (c Conn) NotFound(ctx context.Context, kind platform.Kind, key string) error {
	return c.HTTP.ConfirmNotFound(ctx, &platform.NotFoundError{Kind: string(kind), ID: key})
}

// Deleted is the outcome of a delete answered with err: an object that is already gone counts as deleted;
// any other failure names the object.
func Deleted(err error, kind platform.Kind, id string) error {
	if platform.IsNotFound(err) {
		return nil
	}
	return platform.WithKind(err, kind, id)
}
