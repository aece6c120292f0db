package platform

import (
	"context"
	"slices"
	"strings"
)

// Usernamed is implemented by the Extra of users on platforms that give them a login name apart from the
// email, so that generic code can filter by it.
type Usernamed interface {
	LoginName() string
}

// Match reports whether u passes every field of the filter but GroupID, which needs the group's members
// (FilterUsers).
func (f UserFilter) Match(u User) bool {
	switch {
	case f.Email != "" && !strings.EqualFold(u.Email, f.Email),
		f.Role != "" && !strings.EqualFold(u.Role, f.Role),
		f.Active != nil && *f.Active != u.Active:
		return false
	}
	if f.Username == "" {
		return true
	}
	named, ok := u.Extra.(Usernamed)
	return ok && named.LoginName() == f.Username
}

// FilterUsers keeps the users that pass the whole filter, for a client whose API filters on nothing (or
// whose server-side filters only narrowed the list). For GroupID it reads the group through readGroup, so a
// group that does not exist is readGroup's error.
func FilterUsers(ctx context.Context, users []User, f UserFilter, readGroup func(context.Context, string) (Group, error)) ([]User, error) {
	var members map[string]bool
	if f.GroupID != "" {
		g, err := readGroup(ctx, f.GroupID)
		if err != nil {
			return nil, err
		}
		// A set, so that a big group against a big list stays linear.
		members = make(map[string]bool, len(g.Members))
		for _, id := range g.Members {
			members[id] = true
		}
	}
	out := make([]User, 0, len(users))
	for _, u := range users {
		if f.Match(u) && (members == nil || members[u.ID]) {
			out = append(out, u)
		}
	}
	return out, nil
}

// Match reports whether g passes the filter.
func (f GroupFilter) Match(g Group) bool {
	return (f.Name == "" || g.Name == f.Name) && (f.MemberID == "" || slices.Contains(g.Members, f.MemberID))
}

// FilterGroups keeps the groups that pass the filter.
func FilterGroups(groups []Group, f GroupFilter) []Group {
	out := make([]Group, 0, len(groups))
	for _, g := range groups {
		if f.Match(g) {
			out = append(out, g)
		}
	}
	return out
}
