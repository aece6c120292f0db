package apiutil

import (
	"context"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// One is the result of a lookup by a natural key (key, an email or a name) that matched matches: the only
// one; a *platform.NotFoundError when there is none (confirmed, see Conn.NotFound); and when several have the
// key, ambiguous with their ids, since adopting one of them would be a guess.
func One[T any](ctx context.Context, c Conn, kind platform.Kind, key string, matches []T, id func(T) string,
	ambiguous func(ids []string) error,
) (T, error) {
	var zero T
	switch len(matches) {
	case 0:
		return zero, c.NotFound(ctx, kind, key)
	case 1:
		return matches[0], nil
	}
	ids := make([]string, len(matches))
	for i, m := range matches {
		ids[i] = id(m)
	}
	return zero, ambiguous(ids)
}

// UserID, GroupID and APIKeyID are the ids One lists for the neutral types.
func UserID(u platform.User) string     { return u.ID }
func GroupID(g platform.Group) string   { return g.ID }
func APIKeyID(k platform.APIKey) string { return k.ID }

// GroupNamed finds a group by its name, which the platform keeps unique, through list (which filters by name
// exactly): the group, or a confirmed not-found. Comparing the names again guards against a server that
// filters loosely. An empty name names no group and costs no request.
func GroupNamed(ctx context.Context, c Conn, name string, list func(context.Context, platform.GroupFilter) ([]platform.Group, error)) (platform.Group, error) {
	if name == "" {
		return platform.Group{}, c.NotFound(ctx, platform.KindUserGroup, name)
	}
	groups, err := list(ctx, platform.GroupFilter{Name: name})
	if err != nil {
		return platform.Group{}, err
	}
	for _, g := range groups {
		if g.Name == name {
			return g, nil
		}
	}
	return platform.Group{}, c.NotFound(ctx, platform.KindUserGroup, name)
}
