package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// defaultOperationTimeout bounds an operation that waits for the platform (a background sync or delete)
// when the configuration sets no timeout.
const defaultOperationTimeout = 20 * time.Minute

// withTimeout applies one of a resource's timeouts (such as plan.Timeouts.Create) to ctx.
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, getDiags := get(ctx, defaultOperationTimeout)
	diags.Append(getDiags...)
	return context.WithTimeout(ctx, d)
}
