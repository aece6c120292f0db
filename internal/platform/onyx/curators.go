package onyx

import (
	"context"
	"net/http"
	"slices"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
)

// setCurators makes the group's curators (v4.6) or managers (current) exactly want, one user at a
// time: the API has no bulk route. want nil leaves them as they are. Every curator must already be a
// member, so this runs after the membership write. The call is not locked by a pending sync.
func (c *Client) setCurators(ctx context.Context, g groupWire, want []string) error {
	if want == nil {
		return nil
	}
	have := g.curatorIDs()
	var changes []curatorChange
	for _, id := range sortedSet(want) {
		if !slices.Contains(have, id) {
			changes = append(changes, curatorChange{userID: id, on: true})
		}
	}
	for _, id := range sortedSet(have) {
		if !slices.Contains(want, id) {
			changes = append(changes, curatorChange{userID: id, on: false})
		}
	}
	if len(changes) == 0 {
		return nil
	}
	gen, err := c.Generation(ctx)
	if err != nil {
		return err
	}
	for _, ch := range changes {
		if err := c.HTTP.DoJSON(ctx, curatorRequestFor(gen, g.ID, ch), nil); err != nil {
			return err
		}
	}
	return nil
}

type curatorChange struct {
	userID string
	on     bool
}

// curatorRequestFor is v4.6's POST …/set-curator or the current PUT …/manager. Both are idempotent,
// so resending after an unclear failure is safe.
func curatorRequestFor(gen Generation, groupID int, ch curatorChange) httpclient.Request {
	if gen == GenerationCurrent {
		return httpclient.Request{Method: http.MethodPut, Path: groupPath(groupID) + "/manager",
			Body: managerRequest{UserID: ch.userID, IsManager: ch.on}}
	}
	return httpclient.Request{Method: http.MethodPost, Path: groupPath(groupID) + "/set-curator",
		Body: curatorRequest{UserID: ch.userID, IsCurator: ch.on}, Idempotent: true}
}
