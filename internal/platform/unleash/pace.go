package unleash

import (
	"context"
	"sync"
	"time"
)

// paceMargin widens the window so that requests sent just under a window apart by our clock cannot land
// inside one server window because of network jitter.
const paceMargin = time.Second

// windowPacer lets at most limit requests start within any window. Unleash counts POSTs under
// /api/admin/user-admin in fixed windows that open at the first request; allowing no more than limit in any
// sliding window is the strictest rule that still lets a small apply go at full speed (httpclient's
// WritesPerMinute would space every write evenly, so 20 users would take a minute even on an idle server).
// A 429 caused by someone else using the same budget is still waited out by httpclient's Retry-After handling.
type windowPacer struct {
	limit  int
	window time.Duration

	mu   sync.Mutex
	sent []time.Time // start times of the last `limit` requests, oldest first

	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}

func newWindowPacer(limit int, window time.Duration) *windowPacer {
	return &windowPacer{limit: limit, window: window + paceMargin, now: time.Now, sleep: sleepCtx}
}

// wait blocks until one more request may start, and counts it.
func (p *windowPacer) wait(ctx context.Context) error {
	if p == nil {
		return nil
	}
	for {
		p.mu.Lock()
		now := p.now()
		if len(p.sent) < p.limit {
			p.sent = append(p.sent, now)
			p.mu.Unlock()
			return nil
		}
		delay := p.sent[0].Add(p.window).Sub(now)
		if delay <= 0 {
			p.sent = append(p.sent[1:], now)
			p.mu.Unlock()
			return nil
		}
		p.mu.Unlock()
		if err := p.sleep(ctx, delay); err != nil {
			return err
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
