package authentik

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// pageSize is the largest page authentik serves by default; bigger pages mean fewer requests for big lists.
const pageSize = 100

// listAll follows every page of a list endpoint. authentik's `pagination.next` is the next page's number,
// 0 when there is none (not a URL); `total_pages` bounds the walk (platform.PageWalk).
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	q := apiutil.CloneQuery(query)
	q.Set("page_size", strconv.Itoa(pageSize))

	var out []T
	walk := platform.NewPageWalk("authentik GET " + c.basePath + path)
	for page := 1; ; {
		q.Set("page", strconv.Itoa(page))
		var p pageWire[T]
		if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: path, Query: q}, &p); err != nil {
			return nil, err
		}
		if err := walk.Page(p.Results, int(p.Pagination.TotalPages)); err != nil {
			return nil, err
		}
		out = append(out, p.Results...)
		next := int(p.Pagination.Next)
		if next == 0 {
			return out, nil
		}
		if next <= page {
			// A server that points back would make this loop forever.
			return nil, fmt.Errorf("authentik GET %s%s: page %d points to page %d as the next one", c.basePath, path, page, next)
		}
		if err := walk.Next(); err != nil {
			return nil, err
		}
		page = next
	}
}
