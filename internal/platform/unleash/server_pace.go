package unleash

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// probeWait is how often requests queued behind the first one look whether its answer has come.
const probeWait = 20 * time.Millisecond

// fallbackWindow is how long a 429 without Retry-After or RateLimit-Reset holds further requests: Unleash's
// user-creation window.
const fallbackWindow = time.Minute

// serverPacer paces the requests Unleash counts against its user-creation limit (CREATE_USER_RATE_LIMIT_PER_
// MINUTE, per client IP) by the server's own word: express-rate-limit's draft-6 RateLimit-Limit,
// RateLimit-Remaining and RateLimit-Reset headers on every answer, and Retry-After on a 429. The first request
// goes alone, so the budget is known before a burst is sent; after that requests go at full speed while the
// server's remaining budget, less what is already on its way, allows, and wait for the window's end when it
// does not. A server that limits nothing (no headers) is not paced at all. A 429 caused by another client
// sharing the budget is waited out by httpclient's Retry-After handling, and holds this client's next
// requests until the same moment.
type serverPacer struct {
	mu        sync.Mutex
	heard     bool // an answer has told the budget, or that there is none
	probing   bool // the first request is on its way; the others wait for its answer
	limited   bool
	limit     int
	available int
	resetAt   time.Time
	inflight  int

	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}

func newServerPacer() *serverPacer {
	return &serverPacer{now: time.Now, sleep: sleepCtx}
}

// maxServerWait bounds one wait for the server's window to end: Unleash's window is a minute, so a longer
// RateLimit-Reset is a misconfigured server or proxy, which fails the request rather than stalls the run.
const maxServerWait = 5 * time.Minute

// wait blocks until one more request may start, and counts it as on its way; done must follow.
func (p *serverPacer) wait(ctx context.Context) error {
	for {
		delay, ok := p.take()
		if ok {
			return nil
		}
		if delay > maxServerWait {
			return fmt.Errorf("unleash announces that its user-creation limit resets in %s, longer than roster waits (%s): raise CREATE_USER_RATE_LIMIT_PER_MINUTE or try again later",
				delay.Round(time.Second), maxServerWait)
		}
		if err := p.sleep(ctx, delay); err != nil {
			return err
		}
	}
}

func (p *serverPacer) take() (time.Duration, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	switch {
	case !p.heard && p.probing:
		return probeWait, false
	case !p.heard:
		p.probing = true
	case !p.limited:
	case p.available > 0:
		p.available--
	case now.Before(p.resetAt):
		return p.resetAt.Sub(now), false
	case p.limit == 0:
		// The window is over and its size was never told: this request finds it out, alone.
		p.heard, p.probing = false, true
	default:
		// The window is over; the server opens the next one at the next request it counts.
		p.available = p.limit - p.inflight - 1
		p.resetAt = now.Add(fallbackWindow)
	}
	p.inflight++
	return 0, true
}

// done records the answer to a request wait let through: its headers, or the status of the error that
// ended it (nil header when there was no answer).
func (p *serverPacer) done(h http.Header, status int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inflight--
	p.probing = false
	now := p.now()
	limit, hasLimit := headerInt(h, "RateLimit-Limit")
	remaining, hasRemaining := headerInt(h, "RateLimit-Remaining")
	reset, hasReset := headerInt(h, "RateLimit-Reset")
	switch {
	case status == http.StatusTooManyRequests:
		p.heard, p.limited, p.available = true, true, 0
		wait := fallbackWindow
		if s, ok := headerInt(h, "Retry-After"); ok {
			wait = time.Duration(s) * time.Second
		} else if hasReset {
			wait = time.Duration(reset) * time.Second
		}
		p.resetAt = now.Add(wait)
		if hasLimit {
			p.limit = limit
		}
	case hasLimit && hasRemaining && hasReset:
		// Answers arrive out of order: within a window the budget only shrinks, and the window only ends
		// later than thought. Within a window available already counts every request sent, so an answer
		// lowers it only when the server has counted more than that (another client spending the same
		// budget); less what is on its way would count twice each request the server answered before this
		// one but whose answer is not read yet.
		inWindow := p.limited && now.Before(p.resetAt)
		p.heard, p.limited, p.limit = true, true, limit
		switch {
		case !inWindow:
			p.available = remaining - p.inflight
		case remaining < p.available:
			p.available = remaining
		}
		if end := now.Add(time.Duration(reset) * time.Second); !inWindow || end.After(p.resetAt) {
			p.resetAt = end
		}
	case h != nil && !p.limited:
		p.heard = true // answered without a limit: nothing to pace
	}
}

func headerInt(h http.Header, name string) (int, bool) {
	if h == nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(h.Get(name)))
	return n, err == nil && n >= 0
}

// limitedCall sends a request that counts against the user-creation limit: paced by the server's budget
// (and by writes_per_minute when set), which it then updates from the answer.
func (c *Client) limitedCall(ctx context.Context, req httpclient.Request, out any) error {
	if err := c.pacer.wait(ctx); err != nil {
		return err
	}
	if c.serverPacer == nil {
		return c.HTTP.DoJSON(ctx, req, out)
	}
	if err := c.serverPacer.wait(ctx); err != nil {
		return err
	}
	resp, err := c.HTTP.Do(ctx, req)
	if err != nil {
		var apiErr *platform.APIError
		status := 0
		if errors.As(err, &apiErr) {
			status = apiErr.Status
		}
		c.serverPacer.done(nil, status)
		return err
	}
	c.serverPacer.done(resp.Header, resp.Status)
	return c.HTTP.DecodeJSON(req, resp, out)
}
