// Package httpclient is the one HTTP stack every platform client uses: a go-cleanhttp transport, go-retryablehttp
// retries that never resend a write blindly, optional write pacing, and TRACE logging through tflog with
// credentials and secret fields redacted.
package httpclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	// Headers are extra headers sent with every request.
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

	DecodeError ErrorDecoder
	// Platform names the API at the start of the messages the client makes itself ("authentik GET
	// /api/v3/core/users/: decoding response body: ..."). Platform clients set it.
	Platform string
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
}

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
}

type ctxKey struct{}

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

	transport := cleanhttp.DefaultPooledTransport()
	if cfg.InsecureSkipVerify {
		transport.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked for it
	}
	httpClient := &http.Client{Transport: transport, Timeout: cfg.RequestTimeout}

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

	c := &Client{cfg: cfg, base: base, retry: rc}
	if cfg.WritesPerMinute > 0 {
		c.limiter = rate.NewLimiter(rate.Limit(cfg.WritesPerMinute/60), 1)
	}
	return c, nil
}

// Do sends the request, retrying what is safe to retry, and returns the response of a 2xx answer. Any other
// answer becomes the error DecodeError makes of it; a failure after which a write may have been applied is
// wrapped in *platform.AmbiguousError.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	safe := r.Idempotent || r.Method != http.MethodPost
	apiPath := c.base.Path + r.Path

	var body []byte
	if r.Body != nil {
		var err error
		if body, err = json.Marshal(r.Body); err != nil {
			return nil, fmt.Errorf("encoding %s %s body: %w", r.Method, apiPath, err)
		}
	}
	if c.limiter != nil && r.Method != http.MethodGet && r.Method != http.MethodHead {
		if err := c.limiter.Wait(ctx); err != nil {
			return nil, fmt.Errorf("%s %s: waiting for the write rate limit: %w", r.Method, apiPath, err)
		}
	}

	u := *c.base
	u.Path = apiPath
	u.RawQuery = r.Query.Encode()
	req, err := retryablehttp.NewRequestWithContext(context.WithValue(ctx, ctxKey{}, safe), r.Method, u.String(), bodyReader(body))
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

	logCtx := c.maskSecrets(ctx)
	logTrace(logCtx, "sending request", map[string]any{"method": r.Method, "path": apiPath, "query": u.RawQuery, "body": c.loggedBody(body)})
	start := time.Now()
	resp, doErr := c.retry.Do(req)
	if doErr != nil {
		apiErr := &platform.APIError{Method: r.Method, Path: apiPath, Message: transportMessage(doErr)}
		logTrace(logCtx, "request failed", map[string]any{"method": r.Method, "path": apiPath, "error": apiErr.Message})
		if !safe && !neverSent(doErr) {
			return nil, &platform.AmbiguousError{Err: apiErr}
		}
		return nil, apiErr
	}
	defer resp.Body.Close()
	respBody, readErr := io.ReadAll(resp.Body)
	out := &Response{Status: resp.StatusCode, Header: resp.Header, Body: respBody}
	logTrace(logCtx, "received response", map[string]any{
		"method": r.Method, "path": apiPath, "status": resp.StatusCode,
		"duration_ms": time.Since(start).Milliseconds(), "body": c.loggedBody(respBody),
	})
	if readErr != nil {
		apiErr := &platform.APIError{Method: r.Method, Path: apiPath, Status: resp.StatusCode, Message: "reading response: " + readErr.Error()}
		if !safe {
			return nil, &platform.AmbiguousError{Err: apiErr}
		}
		return nil, apiErr
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
	// After decoding: a server may echo the token JSON-escaped, which only decoding turns back into it.
	redactDecodedError(decoded, c.token())
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
// the method and the path. For a POST that must not be resent it is ambiguous: the server applied it.
func (c *Client) DecodeJSON(r Request, resp *Response, out any) error {
	if out == nil {
		return nil
	}
	if err := resp.JSON(out); err != nil {
		msg := r.Method + " " + c.base.Path + r.Path
		if c.cfg.Platform != "" {
			msg = c.cfg.Platform + " " + msg
		}
		return unreadAnswer(r, fmt.Errorf("%s: %w", msg, err))
	}
	return nil
}

// maskSecrets makes tflog replace the provider's credentials wherever they would appear.
func (c *Client) maskSecrets(ctx context.Context) context.Context {
	if token := c.token(); token != "" {
		ctx = maskStrings(ctx, token)
	}
	return ctx
}

func (c *Client) loggedBody(body []byte) loggedBody { return loggedBody{body: body, token: c.token()} }

func bodyReader(body []byte) any {
	if body == nil {
		return nil
	}
	return bytes.NewReader(body)
}

// checkRetry retries connection failures, 429 and 5xx, but resends a non-idempotent POST only when it
// certainly never reached the server (connection refused) or the server said it did not process it (429).
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	safe, _ := ctx.Value(ctxKey{}).(bool)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) && strings.Contains(urlErr.Error(), "unsupported protocol scheme") {
			return false, nil
		}
		return safe || neverSent(err), nil
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return true, nil
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		return safe, nil
	}
	return false, nil
}

// backoff honours Retry-After on 429 and 503 (seconds or an HTTP date), otherwise backs off exponentially.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return d
		}
	}
	return retryablehttp.DefaultBackoff(minWait, maxWait, attempt, nil)
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
