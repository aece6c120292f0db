package tykaistudio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// memberLookupLimit is the number of member ids up to which each is looked up on its own; above it,
// one listing of every user is cheaper.
const memberLookupLimit = 20

// checkMembers makes sure every id names a live user before a membership write: for an unknown id the
// server would create a blank user with that id instead of failing. method and path name the write
// that will not be sent.
func (c *Client) checkMembers(ctx context.Context, method, path string, ids []uint32) error {
	if len(ids) == 0 {
		return nil
	}
	var (
		missing []string
		lookup  *platform.APIError
	)
	if len(ids) <= memberLookupLimit {
		for _, n := range ids {
			id := strconv.FormatUint(uint64(n), 10)
			_, err := c.getUser(ctx, id)
			if err == nil {
				continue
			}
			if !platform.IsNotFound(err) {
				return err
			}
			missing = append(missing, id)
			errors.As(err, &lookup)
		}
	} else {
		users, err := listAll[idOnly](ctx, c, usersPath, nil)
		if err != nil {
			return err
		}
		live := make(map[string]bool, len(users))
		for _, u := range users {
			live[u.ID] = true
		}
		for _, n := range ids {
			if id := strconv.FormatUint(uint64(n), 10); !live[id] {
				missing = append(missing, id)
			}
		}
		lookup = &platform.APIError{Method: http.MethodGet, Path: c.basePath + usersPath, Status: http.StatusOK,
			Message: "the user list has no id " + strings.Join(missing, ", ")}
	}
	if len(missing) == 0 {
		return nil
	}
	if lookup == nil {
		lookup = &platform.APIError{Method: method, Path: c.basePath + path}
	}
	noun := "id"
	if len(missing) > 1 {
		noun = "ids"
	}
	return &platform.InvalidError{
		Fields: []platform.FieldError{{Field: platform.FieldMembers, Message: fmt.Sprintf(
			"no Tyk AI Studio user has %s %s; nothing was written, because the server would create a blank user for an unknown id",
			noun, strings.Join(missing, ", "))}},
		Err: lookup,
	}
}
