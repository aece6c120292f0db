package platform

import (
	"context"
	"slices"
	"sync"
)

// MembershipManager is implemented by backends whose API adds and removes one member without rewriting the
// whole group (authentik's add_user/remove_user). Others get a read-modify-write through UpdateGroup.
type MembershipManager interface {
	// AddGroupMember succeeds when the user already is a member.
	AddGroupMember(ctx context.Context, groupID, userID string) error
	// RemoveGroupMember succeeds when the user is not a member.
	RemoveGroupMember(ctx context.Context, groupID, userID string) error
}

// FreshGroupReader is implemented by backends whose ReadGroup may answer from a list this process read
// earlier (see Snapshot). A read-modify-write of the members must start from the server's current ones, or
// it would drop members added elsewhere since.
type FreshGroupReader interface {
	ReadGroupFresh(ctx context.Context, id string) (Group, error)
}

// readForWrite reads a group as a membership change must see it.
func readForWrite(ctx context.Context, b GroupBackend, id string) (Group, error) {
	if f, ok := b.(FreshGroupReader); ok {
		return f.ReadGroupFresh(ctx, id)
	}
	return b.ReadGroup(ctx, id)
}

// groupLocks serialises read-modify-write membership changes per group within this provider process, so
// two memberships of one group applied in parallel cannot overwrite each other's change.
var groupLocks sync.Map

func lockGroup(groupID string) func() {
	m, _ := groupLocks.LoadOrStore(groupID, &sync.Mutex{})
	mu := m.(*sync.Mutex) //nolint:forcetypeassert // only *sync.Mutex is stored
	mu.Lock()
	return mu.Unlock
}

// AddMember makes the user a member of the group, leaving every other member alone.
func AddMember(ctx context.Context, b GroupBackend, groupID, userID string) error {
	if m, ok := b.(MembershipManager); ok {
		return m.AddGroupMember(ctx, groupID, userID)
	}
	defer lockGroup(groupID)()
	g, err := readForWrite(ctx, b, groupID)
	if err != nil {
		return err
	}
	if slices.Contains(g.Members, userID) {
		return nil
	}
	_, err = b.UpdateGroup(ctx, groupID, GroupSpec{Name: g.Name, Members: append(slices.Clone(g.Members), userID)})
	return err
}

// RemoveMember takes the user out of the group, leaving every other member alone. A missing group or a
// user who is not a member is success.
func RemoveMember(ctx context.Context, b GroupBackend, groupID, userID string) error {
	if m, ok := b.(MembershipManager); ok {
		err := m.RemoveGroupMember(ctx, groupID, userID)
		if IsNotFound(err) {
			return nil
		}
		return err
	}
	defer lockGroup(groupID)()
	g, err := readForWrite(ctx, b, groupID)
	if IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !slices.Contains(g.Members, userID) {
		return nil
	}
	rest := slices.DeleteFunc(slices.Clone(g.Members), func(id string) bool { return id == userID })
	_, err = b.UpdateGroup(ctx, groupID, GroupSpec{Name: g.Name, Members: rest})
	return err
}

// IsMember reports whether the user is a direct member; a missing group is a *NotFoundError. A user missing
// from the members is trusted like any "not found" (NotFoundConfirmer): a server that is not the platform's
// API may answer a group with no members at all.
func IsMember(ctx context.Context, b GroupBackend, groupID, userID string) (bool, error) {
	g, err := b.ReadGroup(ctx, groupID)
	if err != nil {
		return false, err
	}
	if slices.Contains(g.Members, userID) {
		return true, nil
	}
	if c, ok := b.(NotFoundConfirmer); ok {
		if err := c.ConfirmNotFound(ctx, &NotFoundError{Kind: "membership", ID: groupID + "/" + userID}); !IsNotFound(err) {
			return false, err
		}
	}
	return false, nil
}
