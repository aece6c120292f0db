package secoda

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// listAll follows every page of a list endpoint until `links.next` is empty (null or "None").
//
// The next link is an absolute URL, but the client only takes its query (page, and whatever else the
// server put there) and asks for it on its own base URL and path, so the docs' example of a link pointing
// at another path cannot lead the loop astray. A link to another origin (scheme, host or port) is refused:
// the server is no longer describing this list. The walk is bounded by the announced total_pages
// (platform.PageWalk).
func listAll[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	var out []T
	var query url.Values // the first page is the one without ?page
	current := 1
	walk := platform.NewPageWalk("secoda GET " + c.base.Path + path)
	for {
		var p pageWire[T]
		if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: path, Query: query}, &p); err != nil {
			return nil, err
		}
		if err := walk.Page(p.Results, int(p.TotalPages)); err != nil {
			return nil, err
		}
		out = append(out, p.Results...)
		if link := nextLink(p.Links.Next, p.Next); link != "" {
			if err := walk.CheckLink(link, c.base); err != nil {
				return nil, err
			}
		}
		next, page, err := nextPageQuery(p.Links.Next, p.Next, int(p.Meta.NextPage), current)
		if err != nil {
			return nil, fmt.Errorf("secoda GET %s: %w", path, err)
		}
		if next == nil {
			return out, nil
		}
		if err := walk.Next(); err != nil {
			return nil, err
		}
		query, current = next, page
	}
}

// nextLink is the next-page link, from links.next or else the top-level next; "" when there is none.
func nextLink(link, topLevelNext looseString) string {
	if raw := linkText(link); raw != "" {
		return raw
	}
	return linkText(topLevelNext)
}

// nextPageQuery returns the query of the page after current, or nil when there is none. The page number
// comes from the link's `page` parameter, or from meta.next_page when the link has none. A next page that
// is not after the current one would make the loop run forever, so it is an error.
func nextPageQuery(link, topLevelNext looseString, metaNext, current int) (url.Values, int, error) {
	raw := nextLink(link, topLevelNext)
	if raw == "" {
		return nil, 0, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, 0, fmt.Errorf("the next-page link %q is not a URL", raw)
	}
	query := u.Query()
	page, err := strconv.Atoi(query.Get("page"))
	if err != nil {
		if metaNext <= 0 {
			return nil, 0, fmt.Errorf("cannot tell the next page from the link %q", raw)
		}
		page = metaNext
		query.Set("page", strconv.Itoa(page))
	}
	if page <= current {
		return nil, 0, fmt.Errorf("page %d points to page %d as the next one", current, page)
	}
	return query, page, nil
}

// linkText is a link with "None" read as no link, also when it did not come through looseString's decoding.
func linkText(s looseString) string {
	t := strings.TrimSpace(string(s))
	if t == "None" {
		return ""
	}
	return t
}
