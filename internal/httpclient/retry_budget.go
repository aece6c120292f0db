package httpclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// attempt is what the retry hooks of one Do call share, through the request's context.
type attempt struct {
	// safe is true when the request may be sent twice.
	safe bool
	// latestRetry ends the retry budget. A request with its retries may take (MaxRetries + 1) ×
	// RequestTimeout in all, as if each attempt used its whole timeout; a retry must start early enough to
	// have its own full timeout within that, so by start + MaxRetries × RequestTimeout, and before the
	// caller's deadline (Terraform's operation timeout).
	latestRetry time.Time
	// refusedWait is a Retry-After that would have started the next attempt after latestRetry; budgetLeft is
	// what was left of the budget then.
	refusedWait, budgetLeft time.Duration
}

type attemptKey struct{}

func (c *Client) newAttempt(ctx context.Context, safe bool) *attempt {
	latest := time.Now().Add(time.Duration(c.cfg.MaxRetries) * c.cfg.RequestTimeout)
	if deadline, ok := ctx.Deadline(); ok && deadline.Before(latest) {
		latest = deadline
	}
	return &attempt{safe: safe, latestRetry: latest}
}

func attemptOf(ctx context.Context) *attempt {
	if a, ok := ctx.Value(attemptKey{}).(*attempt); ok {
		return a
	}
	return &attempt{}
}

// withinBudget reports whether waiting the server's Retry-After leaves the next attempt inside the retry
// budget, and notes the wait when it does not: waiting 86400 s only to fail later helps nobody.
func withinBudget(ctx context.Context, resp *http.Response) bool {
	wait, ok := retryAfter(resp)
	if !ok {
		return true
	}
	a := attemptOf(ctx)
	now := time.Now()
	if !now.Add(wait).After(a.latestRetry) {
		return true
	}
	a.refusedWait, a.budgetLeft = wait, max(a.latestRetry.Sub(now), 0)
	return false
}

// noteRefusedWait adds the wait the server asked for, and the budget it exceeds, to the error's message.
func (a *attempt) noteRefusedWait(err error) {
	var apiErr *platform.APIError
	if a.refusedWait == 0 || !errors.As(err, &apiErr) {
		return
	}
	apiErr.Message = AppendHint(apiErr.Message, fmt.Sprintf(
		"the server asked to wait %d s, more than the retry budget allows (%d s left of max_retries × request_timeout)",
		seconds(a.refusedWait), seconds(a.budgetLeft)))
}

func seconds(d time.Duration) int64 { return int64((d + time.Second - 1) / time.Second) }
