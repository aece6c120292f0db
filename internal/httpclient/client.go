// Package httpclient is the one HTTP stack every platform client uses: a go-cleanhttp transport, go-retryablehttp
// retries that never resend a write blindly and never wait past their budget, optional write pacing, redirects
// followed only for reads on the same origin, a cap on answer bodies, and errors and TRACE logs (through tflog)
// with every credential and secret field masked.
package httpclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// ErrorDecoder turns a non-2xx response into one of the platform package's typed errors. Platform clients
// supply it because every API words its errors differently.
type ErrorDecoder func(apiErr *platform.APIError, resp *Response) error

// Config configures a Client.
type Config struct {
	// BaseURL is the server root joined with the API prefix, e.g. https://auth.example.com/api/v3.
	BaseURL string
	// Authorization is the full value of the Authorization header ("Bearer ...").
	Authorization string
	// Headers are extra headers sent with every request. Their values are masked like the token.
	Headers   map[string]string
	UserAgent string

	MaxRetries         int
	RequestTimeout     time.Duration
	InsecureSkipVerify bool
	// RetryWaitMin and RetryWaitMax bound the backoff between attempts (Retry-After wins when present).
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// WritesPerMinute paces every non-GET request when > 0, for APIs with a documented write limit.
	WritesPerMinute float64
	// MaxResponseBytes caps the body of an answer; 0 means DefaultMaxResponseBytes.
	MaxResponseBytes int64

	DecodeError ErrorDecoder
	// Platform names the API at the start of the messages the client makes itself ("authentik GET
	// /api/v3/core/users/: decoding response body: ..."). Platform clients set it.
	Platform string
	// Identity, when set, lets a *platform.NotFoundError through only from a server known to be the
	// platform's API (trust.go).
	Identity *Identity
}

// Request is one API call.
type Request struct {
	Method string
	// Path is relative to BaseURL and starts with "/".
	Path  string
	Query url.Values
	// Body is JSON-encoded when non-nil.
	Body any
	// Idempotent marks a POST that is safe to send twice (an action such as "add this member"). GET, HEAD,
	// PUT, PATCH and DELETE are always treated as safe to resend.
	Idempotent bool
	// Secrets are values the request carries outside its body and headers, such as a credential in the path
	// (Unleash addresses a token by its secret): they are masked in errors and logs like the token.
	Secrets []string
}

// safe reports whether the request may be sent twice.
func (r Request) safe() bool { return r.Idempotent || r.Method != http.MethodPost }

// Response is a completed exchange.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into out.
func (r *Response) JSON(out any) error {
	if err := json.Unmarshal(r.Body, out); err != nil {
		return fmt.Errorf("decoding response body: %w", err)
	}
	return nil
}

// Client sends requests to one API.
type Client struct {
	cfg     Config
	base    *url.URL
	retry   *retryablehttp.Client
	limiter *rate.Limiter
	trust   trust
	// secrets are the credentials every request carries (configSecrets).
	secrets secretSet
}

// maxIdleConnsPerHost keeps a connection for each of the requests terraform has in flight at once (its
// -parallelism, 10 by default, all to the one API host). The pooled transport keeps GOMAXPROCS+1, so on a
// small machine most connections were closed after each answer and opened again: a TLS handshake per
// request against a real server.
const maxIdleConnsPerHost = 32

// New builds a Client. It makes no request.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("invalid base URL %q: want scheme://host[:port][/path]", cfg.BaseURL)
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = 250 * time.Millisecond
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = 10 * time.Second
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.MaxResponseBytes <= 0 {
		cfg.MaxResponseBytes = DefaultMaxResponseBytes
	}

	transport := cleanhttp.DefaultPooledTransport()
	transport.MaxIdleConnsPerHost = maxIdleConnsPerHost
	if cfg.InsecureSkipVerify {
		transport.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for it
	}
	httpClient := &http.Client{Transport: transport, Timeout: cfg.RequestTimeout, CheckRedirect: checkRedirect}

	rc := retryablehttp.NewClient()
	rc.HTTPClient = httpClient
	rc.Logger = nil
	rc.RetryMax = cfg.MaxRetries
	rc.RetryWaitMin = cfg.RetryWaitMin
	rc.RetryWaitMax = cfg.RetryWaitMax
	rc.CheckRetry = checkRetry
	rc.Backoff = backoff
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	rc.RequestLogHook = func(_ retryablehttp.Logger, req *http.Request, attempt int) {
		if attempt > 0 {
			logTrace(req.Context(), "retrying request", map[string]any{"method": req.Method, "path": req.URL.Path, "attempt": attempt + 1})
		}
	}

	c := &Client{cfg: cfg, base: base, retry: rc, trust: trust{turn: make(chan struct{}, 1)}}
	c.secrets = configSecrets(cfg, c.token())
	if cfg.WritesPerMinute > 0 {
		c.limiter = rate.NewLimiter(rate.Limit(cfg.WritesPerMinute/60), 1)
	}
	return c, nil
}

// Do sends the request, retrying what is safe to retry, and returns the response of a 2xx answer. Any other
// answer becomes the error DecodeError makes of it; a failure after which a write may have been applied is
// wrapped in *platform.AmbiguousError. No secret the request carried (secretSet) is in the error or the logs.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	apiPath := c.base.Path + r.Path
	var body []byte
	if r.Body != nil {
		var err error
		if body, err = json.Marshal(r.Body); err != nil {
			return nil, fmt.Errorf("encoding %s %s body: %w", r.Method, apiPath, err)
		}
	}
	secrets := c.secrets.with(append(bodySecrets(body), r.Secrets...)...)
	if len(secrets) > 0 {
		ctx = maskStrings(ctx, secrets...)
	}
	resp, err := c.exchange(ctx, r, apiPath, body, secrets)
	if err != nil {
		// After decoding: a server may echo a secret JSON-escaped, which only decoding turns back into it.
		maskError(err, secrets)
		logTrace(ctx, "request failed", map[string]any{"method": r.Method, "path": apiPath, "error": err.Error()})
	}
	return resp, err
}

// exchange is Do once the body is encoded.
func (c *Client) exchange(ctx context.Context, r Request, apiPath string, body []byte, secrets secretSet) (*Response, error) {
	safe := r.safe()
	if c.limiter != nil && r.Method != http.MethodGet && r.Method != http.MethodHead {
		if err := c.limiter.Wait(ctx); err != nil {
			return nil, fmt.Errorf("%s %s: waiting for the write rate limit: %w", r.Method, apiPath, err)
		}
	}

	u := *c.base
	u.Path = apiPath
	u.RawQuery = r.Query.Encode()
	state := c.newAttempt(ctx, safe)
	req, err := retryablehttp.NewRequestWithContext(context.WithValue(ctx, attemptKey{}, state), r.Method, u.String(), bodyReader(body))
	if err != nil {
		return nil, fmt.Errorf("building %s %s: %w", r.Method, apiPath, err)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.cfg.UserAgent != "" {
		req.Header.Set("User-Agent", c.cfg.UserAgent)
	}
	for k, v := range c.cfg.Headers {
		req.Header.Set(k, v)
	}
	if c.cfg.Authorization != "" {
		req.Header.Set("Authorization", c.cfg.Authorization)
	}

	logTrace(ctx, "sending request", map[string]any{"method": r.Method, "path": apiPath, "query": u.RawQuery, "body": loggedBody{body: body, secrets: secrets}})
	start := time.Now()
	resp, doErr := c.retry.Do(req)
	if doErr != nil {
		if resp != nil {
			// retryablehttp hands back the last answer with the error that ended the retries (a cancelled
			// context): close it like every other answer.
			resp.Body.Close()
		}
		apiErr := &platform.APIError{Method: r.Method, Path: apiPath, Message: transportMessage(doErr)}
		if !safe && !neverSent(doErr) {
			return nil, &platform.AmbiguousError{Err: apiErr}
		}
		return nil, apiErr
	}
	defer resp.Body.Close()
	if isRedirect(resp) {
		return nil, c.redirectError(r, apiPath, resp, safe)
	}
	respBody, readErr := readBody(resp, c.cfg.MaxResponseBytes)
	out := &Response{Status: resp.StatusCode, Header: resp.Header, Body: respBody}
	logTrace(ctx, "received response", map[string]any{
		"method": r.Method, "path": apiPath, "status": resp.StatusCode,
		"duration_ms": time.Since(start).Milliseconds(), "body": loggedBody{body: respBody, secrets: secrets},
	})
	if readErr != nil {
		return nil, readError(r.Method, apiPath, resp.StatusCode, readErr, safe)
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return out, nil
	}

	apiErr := &platform.APIError{Method: r.Method, Path: apiPath, Status: resp.StatusCode}
	var decoded error = apiErr
	if c.cfg.DecodeError != nil {
		decoded = c.cfg.DecodeError(apiErr, out)
	} else {
		apiErr.Message = strings.TrimSpace(string(respBody))
	}
	state.noteRefusedWait(decoded)
	decoded = c.vouch(ctx, out, decoded)
	if !safe && resp.StatusCode >= 500 {
		return nil, &platform.AmbiguousError{Err: decoded}
	}
	return nil, decoded
}

// DoJSON sends the request like Do and decodes a JSON answer into out; out nil means the answer's body is
// not wanted.
func (c *Client) DoJSON(ctx context.Context, r Request, out any) error {
	resp, err := c.Do(ctx, r)
	if err != nil {
		return err
	}
	return c.DecodeJSON(r, resp, out)
}

// DecodeJSON decodes the JSON answer to r into out (nothing when out is nil). The error names the platform,
// the method and the path. An HTML page is an error even when out is nil: a login proxy's page is not the
// API's "done". A write that got one may have been applied all the same, and an undecodable answer to a POST
// that must not be resent is ambiguous: the server applied it.
func (c *Client) DecodeJSON(r Request, resp *Response, out any) error {
	where := r.Method + " " + c.base.Path + r.Path
	if c.cfg.Platform != "" {
		where = c.cfg.Platform + " " + where
	}
	if isHTML(resp) {
		err := fmt.Errorf("%s: the server answered an HTML page with status %d: a login proxy or a wrong endpoint?", where, resp.Status)
		if !r.safe() {
			return &platform.AmbiguousError{Err: err}
		}
		return err
	}
	if out == nil {
		return nil
	}
	if err := resp.JSON(out); err != nil {
		return unreadAnswer(r, fmt.Errorf("%s: %w", where, err))
	}
	return nil
}

func bodyReader(body []byte) any {
	if body == nil {
		return nil
	}
	return bytes.NewReader(body)
}

// checkRetry retries connection failures, 429 and 5xx, but resends a non-idempotent POST only when it
// certainly never reached the server (connection refused) or the server said it did not process it (429).
// A Retry-After beyond the retry budget ends the retries at once.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	safe := attemptOf(ctx).safe
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) && strings.Contains(urlErr.Error(), "unsupported protocol scheme") {
			return false, nil
		}
		return safe || neverSent(err), nil
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return withinBudget(ctx, resp), nil
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		return safe && withinBudget(ctx, resp), nil
	}
	return false, nil
}

// backoff honours Retry-After on 429 and 503 (seconds or an HTTP date; checkRetry has kept it within the
// retry budget), otherwise backs off exponentially.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if d, ok := retryAfter(resp); ok {
		return d
	}
	return retryablehttp.DefaultBackoff(minWait, maxWait, attempt, nil)
}

// readError reports an answer whose body could not be read. A write may have been applied unless the server
// refused it (a 4xx with a body too large to read).
func readError(method, apiPath string, status int, err error, safe bool) error {
	apiErr := &platform.APIError{Method: method, Path: apiPath, Status: status, Message: "reading response: " + err.Error()}
	var tooLarge *bodyTooLargeError
	if errors.As(err, &tooLarge) {
		apiErr.Message = tooLarge.Error()
		if status >= 400 && status < 500 {
			return apiErr
		}
	}
	if !safe {
		return &platform.AmbiguousError{Err: apiErr}
	}
	return apiErr
}

func transportMessage(err error) string {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err.Error()
	}
	return err.Error()
}

// CreateAttempts is how often a create may be sent in all when each ambiguous failure is followed by a
// lookup that finds nothing (platform.CreateOrAdopt): the retry budget plus one, and at least three.
func (c *Client) CreateAttempts() int {
	return max(3, c.cfg.MaxRetries+1)
}
