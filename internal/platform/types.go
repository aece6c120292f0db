package platform

import (
	"fmt"
	"time"
)

// Extra carries the fields only one platform has (its nested block in Terraform). Each platform package owns
// its concrete types (for example authentik.GroupExtra); generic code only passes them through.
type Extra interface {
	// Platform names the platform the fields belong to.
	Platform() Name
}

// ExtraAs returns a spec's platform fields as T. It accepts T and *T (the provider may build either), treats
// nil as "nothing managed", and rejects another platform's fields, which would otherwise be dropped without a
// word.
func ExtraAs[T Extra](e Extra) (T, error) {
	var zero T
	switch x := any(e).(type) {
	case nil:
		return zero, nil
	case T:
		return x, nil
	case *T:
		if x == nil {
			return zero, nil
		}
		return *x, nil
	}
	return zero, fmt.Errorf("%s: got %s fields (%T) where %T was expected", zero.Platform(), e.Platform().DisplayName(), e, zero)
}

// GroupSpec is the desired state of a user group.
type GroupSpec struct {
	Name string
	// Description is nil when Terraform does not manage it.
	Description *string
	// Members holds user ids. It is nil when Terraform does not manage membership; an empty, non-nil slice
	// means "no members".
	Members []string
	Extra   Extra
}

// Group is a user group as the platform reports it.
type Group struct {
	ID          string
	Name        string
	Description string
	// Members are the group's direct members (user ids), sorted.
	Members []string
	Extra   Extra
}

// UserSpec is the desired state of a user.
type UserSpec struct {
	Email string
	Name  string
	// Role is nil when unmanaged.
	Role *string
	// Active is nil when unmanaged.
	Active *bool
	// Password is set only when Terraform wants the password written (on create, or when its version changed).
	Password *string
	// ServiceAccount asks for an account that automation runs on, not a person; it may have no email.
	ServiceAccount bool
	Extra          Extra
}

// User is a user as the platform reports it.
type User struct {
	ID     string
	Email  string
	Name   string
	Role   string
	Active bool
	// ServiceAccount reports an account that automation runs on, not a person.
	ServiceAccount bool
	Extra          Extra
}

// APIKeySpec is the desired state of an API key.
type APIKeySpec struct {
	Name        string
	UserID      string
	Description string
	// ExpiresAt is nil when the key should not expire, or when the platform decides.
	ExpiresAt *time.Time
	Extra     Extra
}

// APIKey is an API key as the platform reports it.
type APIKey struct {
	ID          string
	Name        string
	UserID      string
	Description string
	ExpiresAt   *time.Time
	// Secret is the key itself. Platforms return it once, on create (or rotation); Read leaves it empty.
	Secret string
	Extra  Extra
}

// GroupFilter narrows ListGroups. Empty fields do not filter. A client applies on the server what its API can
// filter and the rest itself (GroupFilter.Match), so the answer is exact either way.
type GroupFilter struct {
	// Name is exact and case-sensitive.
	Name string
	// MemberID keeps the groups that user (by id) is a direct member of.
	MemberID string
}

// UserFilter narrows ListUsers. Empty fields do not filter. A client applies on the server what its API can
// filter and the rest itself (UserFilter.Match, FilterUsers), so the answer is exact either way.
type UserFilter struct {
	// Email is exact, ignoring case.
	Email string
	// GroupID keeps the direct members of that group. A group that does not exist is an error.
	GroupID string
	// Role is exact, ignoring case.
	Role string
	// Username keeps the user with that login name (exact), on platforms whose users have one apart from
	// the email (their Extra implements Usernamed); elsewhere nothing matches.
	Username string
	// Active keeps active (true) or inactive (false) users; nil does not filter.
	Active *bool
}
