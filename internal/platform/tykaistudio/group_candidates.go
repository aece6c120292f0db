package tykaistudio

import (
	"context"
	"net/http"
	"net/url"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// listGroupCandidates lists the groups that may pass the filter: a member's groups come from
// GET /users/{id}/groups (one unpaginated request; an unknown user has none), a name narrows the list
// through `search`. Each candidate is read in full and filtered exactly by the caller.
func (c *Client) listGroupCandidates(ctx context.Context, filter platform.GroupFilter) ([]groupListWire, error) {
	if filter.MemberID != "" {
		if err := checkUserID(filter.MemberID); err != nil {
			return nil, err
		}
		var w envelope[[]groupListWire]
		err := c.call(ctx, httpclient.Request{Method: http.MethodGet, Path: userPath(filter.MemberID) + "/groups"}, &w)
		return w.Data, err
	}
	var query url.Values
	if filter.Name != "" {
		query = url.Values{"search": {filter.Name}}
	}
	return listAll[groupListWire](ctx, c, groupsPath, query)
}
