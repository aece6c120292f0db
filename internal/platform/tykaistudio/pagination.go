package tykaistudio

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
)

// pageSize matters only if a server ignores all=true; the default of 10 would mean many requests.
const pageSize = 100

// listAll reads every item of a list endpoint. It asks for all=true, which the server honours with
// one answer whatever the size, and still follows pages in case a server (or a proxy) does not:
// the totals come in the X-Total-Count header (or, on the Community group list, in body meta).
// X-Total-Pages is not used to stop, because with all=true it is still computed from page_size.
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	q := url.Values{}
	for k, v := range query {
		q[k] = append([]string(nil), v...)
	}
	q.Set("all", "true")
	q.Set("page_size", strconv.Itoa(pageSize))

	var out []T
	var previous []byte
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
		// A server that ignores page would answer the same page forever while its total promises more.
		raw, _ := json.Marshal(env.Data)
		if len(env.Data) > 0 && bytes.Equal(raw, previous) {
			return nil, fmt.Errorf("tyk_ai_studio GET %s%s: page %d repeats page %d; the server ignores the page parameter", c.basePath, path, page, page-1)
		}
		previous = raw
		out = append(out, env.Data...)
		total, known := totalCount(resp.Header, env.Meta)
		if !known || len(env.Data) == 0 || len(out) >= total {
			return out, nil
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
