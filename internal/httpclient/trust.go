package httpclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Identity tells the platform's API from any other server, so that "not found" removes an object from state
// only when the platform itself said so. A reverse proxy's error page, or another application at a wrong
// `endpoint` path, answers 404 to everything; believing it would make Terraform forget every object.
type Identity struct {
	// API names the platform in messages ("authentik", "Tyk AI Studio").
	API string
	// Probe is a cheap authenticated request that only the platform's API answers, such as its current-user
	// route. It is sent once per Client, the first time a "not found" needs confirming, until it succeeds.
	Probe Request
	// ProbeOK reports whether the probe's 2xx answer has the shape the platform's API gives it.
	ProbeOK func(*Response) bool
	// OwnNotFound reports whether an answer that decoded to a *platform.NotFoundError has the platform's own
	// error shape (an HTML page or a foreign JSON error does not).
	OwnNotFound func(*Response) bool
}

// trust remembers that a Client's probe succeeded. turn lets one probe run at a time, so concurrent reads
// wait for it; a wait ends with the caller's context.
type trust struct {
	turn      chan struct{}
	confirmed atomic.Bool
}

// NotTheAPIError means the server at the endpoint does not answer like the platform's API, so a "not found"
// from it proves nothing. It wraps nothing: it must never pass for a *platform.NotFoundError.
type NotTheAPIError struct {
	API string
	// Answers are what showed it, e.g. "GET /x/api/v3/core/users/42/ returned 404 text/html".
	Answers []string
}

func (e *NotTheAPIError) Error() string {
	return fmt.Sprintf("this endpoint does not answer like the %s API (%s); check `endpoint`", e.API, strings.Join(e.Answers, ", and "))
}

// UnconfirmedError means a "not found" could not be trusted because the probe itself failed (no answer, a
// server error, refused credentials). Nothing is remembered: the next "not found" probes again.
type UnconfirmedError struct {
	API string
	// Lead is the "not found" that was not trusted.
	Lead string
	// Probe is the probe's failure, as text: wrapping it could let a NotFoundError through.
	Probe string
}

func (e *UnconfirmedError) Error() string {
	return fmt.Sprintf("%s, but whether this endpoint is the %s API could not be confirmed: %s", e.Lead, e.API, e.Probe)
}

// probeKey marks the probe's own request, whose answer vouch records instead of judging.
type probeKey struct{}

// probeAnswer receives the probe's non-2xx answer.
type probeAnswer struct{ resp *Response }

// vouch is Do's hook for an answer that decoded to err: a *platform.NotFoundError passes only when the
// answer has the platform's own error shape and the server is confirmed to be the platform's API.
func (c *Client) vouch(ctx context.Context, resp *Response, err error) error {
	if slot, probing := ctx.Value(probeKey{}).(*probeAnswer); probing {
		slot.resp = resp
		return err
	}
	id := c.cfg.Identity
	var nf *platform.NotFoundError
	if id == nil || !errors.As(err, &nf) || nf.Err == nil {
		return err
	}
	lead := answerOf(nf.Err.Method, nf.Err.Path, resp)
	if !id.OwnNotFound(resp) {
		return &NotTheAPIError{API: id.API, Answers: []string{lead}}
	}
	return c.confirm(ctx, lead, err)
}

// ConfirmNotFound returns err as it is, unless it is a *platform.NotFoundError and the server is not yet
// confirmed to be the platform's API: then it sends the Identity's probe and returns a *NotTheAPIError or an
// *UnconfirmedError if the probe fails. Platform clients call it for objects a listing did not contain; a 404
// is confirmed by Do itself.
func (c *Client) ConfirmNotFound(ctx context.Context, err error) error {
	var nf *platform.NotFoundError
	if c.cfg.Identity == nil || !errors.As(err, &nf) {
		return err
	}
	return c.confirm(ctx, nf.Error(), err)
}

// confirm returns err once the probe has succeeded on this Client, sending it if need be.
func (c *Client) confirm(ctx context.Context, lead string, err error) error {
	if c.trust.confirmed.Load() {
		return err
	}
	select {
	case c.trust.turn <- struct{}{}:
		defer func() { <-c.trust.turn }()
	case <-ctx.Done():
		return &UnconfirmedError{API: c.cfg.Identity.API, Lead: lead, Probe: "waiting for another request's probe: " + ctx.Err().Error()}
	}
	if c.trust.confirmed.Load() {
		return err
	}
	if probeErr := c.probe(ctx, lead); probeErr != nil {
		return probeErr
	}
	c.trust.confirmed.Store(true)
	return err
}

// probe sends the Identity's probe and judges its answer.
func (c *Client) probe(ctx context.Context, lead string) error {
	id := c.cfg.Identity
	slot := &probeAnswer{}
	resp, err := c.Do(context.WithValue(ctx, probeKey{}, slot), id.Probe)
	path := c.base.Path + id.Probe.Path
	switch {
	case err == nil && id.ProbeOK(resp):
		return nil
	case err == nil:
		return &NotTheAPIError{API: id.API, Answers: []string{lead, answerOf(id.Probe.Method, path, resp)}}
	case slot.resp != nil && !inconclusive(slot.resp.Status):
		return &NotTheAPIError{API: id.API, Answers: []string{lead, answerOf(id.Probe.Method, path, slot.resp)}}
	}
	return &UnconfirmedError{API: id.API, Lead: lead, Probe: err.Error()}
}

// inconclusive statuses say nothing about which application answered: the credentials were refused, the
// server was busy or broken.
func inconclusive(status int) bool {
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusRequestTimeout, http.StatusTooManyRequests:
		return true
	}
	return status >= 500
}

// answerOf says what a request got, for messages: "GET /api/me returned 404 text/html".
func answerOf(method, path string, resp *Response) string {
	mediaType := "without a Content-Type"
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		mediaType = mt
	}
	return fmt.Sprintf("%s %s returned %d %s", method, path, resp.Status, mediaType)
}

// JSONObject decodes an answer whose Content-Type is JSON and whose body is a JSON object; ok is false for
// anything else. Identity predicates use it to recognise a platform's own answers.
func (r *Response) JSONObject() (obj map[string]json.RawMessage, ok bool) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return nil, false
	}
	if json.Unmarshal(r.Body, &obj) != nil || obj == nil {
		return nil, false
	}
	return obj, true
}

// StringField reports whether obj holds key as a non-empty JSON string.
func StringField(obj map[string]json.RawMessage, key string) bool {
	var s string
	return json.Unmarshal(obj[key], &s) == nil && s != ""
}
