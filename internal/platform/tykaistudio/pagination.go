package tykaistudio

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

// pageSize matters only if a server ignores all=true; the default of 10 would mean many requests.
const pageSize = 100

// listAll reads every item of a list endpoint. It asks for all=true, which the server honours with
// one answer whatever the size, and still follows pages in case a server (or a proxy) does not:
// the totals come in the X-Total-Count header (or, on the Community group list, in body meta).
// X-Total-Pages is not used to stop, because with all=true it is still computed from page_size; the total
// at the first page's size bounds the walk instead (platform.PageWalk).
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	q := apiutil.CloneQuery(query)
	q.Set("all", "true")
	q.Set("page_size", strconv.Itoa(pageSize))

	var out []T
	walk := platform.NewPageWalk("tyk_ai_studio GET " + c.basePath + path)
	perPage := 0
	for page := 1; ; page++ {
		q.Set("page", strconv.Itoa(page))
		resp, err := c.do(ctx, httpclient.Request{Method: http.MethodGet, Path: path, Query: q})
		if err != nil {
			return nil, err
		}
		var env listEnvelope[T]
		if err := resp.JSON(&env); err != nil {
			return nil, fmt.Errorf("tyk_ai_studio GET %s%s: %w", c.basePath, path, err)
		}
		total, known := totalCount(resp.Header, env.Meta)
		if page == 1 {
			perPage = len(env.Data)
		}
		announced := 0
		if known && perPage > 0 {
			announced = (total + perPage - 1) / perPage // the pages the total needs at the first page's size
		}
		// A server that ignores page would answer the same page forever while its total promises more.
		if err := walk.Page(env.Data, announced); err != nil {
			return nil, err
		}
		out = append(out, env.Data...)
		if !known || len(env.Data) == 0 || len(out) >= total {
			return out, nil
		}
		if err := walk.Next(); err != nil {
			return nil, err
		}
	}
}

func totalCount(h http.Header, meta *listMeta) (int, bool) {
	if raw := h.Get("X-Total-Count"); raw != "" {
		if n, err := strconv.Atoi(raw); err == nil {
			return n, true
		}
	}
	if meta != nil {
		return meta.TotalCount, true
	}
	return 0, false
}
