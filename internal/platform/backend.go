package platform

import "context"

// Backend is what every platform client implements. What it manages comes in parts (GroupBackend,
// UserBackend, APIKeyBackend) that callers ask for by type assertion: a client implements exactly the parts
// whose type its capability row does not mark unsupported, and that row says why a part is missing. Methods
// return the typed errors of this package (*NotFoundError, *ConflictError, *InvalidError, *UnsupportedError)
// or an *APIError for anything else.
type Backend interface {
	Platform() Name
	Capabilities() Capabilities
}

// GroupBackend manages user groups.
type GroupBackend interface {
	Backend
	CreateGroup(ctx context.Context, spec GroupSpec) (Group, error)
	ReadGroup(ctx context.Context, id string) (Group, error)
	UpdateGroup(ctx context.Context, id string, spec GroupSpec) (Group, error)
	// DeleteGroup returns when the group is really gone; deleting a missing group is not an error.
	DeleteGroup(ctx context.Context, id string) error
	// ListGroups follows every page.
	ListGroups(ctx context.Context, filter GroupFilter) ([]Group, error)
	// FindGroupByName returns *NotFoundError when no group has that name.
	FindGroupByName(ctx context.Context, name string) (Group, error)
}

// UserBackend manages users.
type UserBackend interface {
	Backend
	CreateUser(ctx context.Context, spec UserSpec) (User, error)
	ReadUser(ctx context.Context, id string) (User, error)
	UpdateUser(ctx context.Context, id string, spec UserSpec) (User, error)
	DeleteUser(ctx context.Context, id string) error
	ListUsers(ctx context.Context, filter UserFilter) ([]User, error)
	// FindUserByEmail compares emails case-insensitively.
	FindUserByEmail(ctx context.Context, email string) (User, error)
}

// APIKeyBackend manages API keys.
type APIKeyBackend interface {
	Backend
	CreateAPIKey(ctx context.Context, spec APIKeySpec) (APIKey, error)
	ReadAPIKey(ctx context.Context, id string) (APIKey, error)
	UpdateAPIKey(ctx context.Context, id string, spec APIKeySpec) (APIKey, error)
	DeleteAPIKey(ctx context.Context, id string) error
	ListAPIKeys(ctx context.Context) ([]APIKey, error)
	FindAPIKeyByName(ctx context.Context, name string) (APIKey, error)
}

// APIKeyRefresher is implemented by backends whose platform changes a key's secret without Terraform
// (authentik rotates expired tokens in the background) and shows the current one on request. The provider
// refreshes such keys with RefreshAPIKey: a secret that differs from the one in state replaces it, with a
// warning, and a key whose platform-chosen expiry has passed is planned for replacement.
type APIKeyRefresher interface {
	// RefreshAPIKey is ReadAPIKey with Secret set to the key's current secret.
	RefreshAPIKey(ctx context.Context, id string) (APIKey, error)
}

// GroupValidator, UserValidator and APIKeyValidator are implemented by backends that can reject a spec
// without calling the API (rules that depend on the platform, such as "this field cannot be set together
// with that one"). The provider calls them at plan time and reports each FieldError on its attribute path.
type GroupValidator interface {
	ValidateGroup(spec GroupSpec) []FieldError
}

// UserValidator: see GroupValidator.
type UserValidator interface {
	ValidateUser(spec UserSpec) []FieldError
}

// APIKeyValidator: see GroupValidator.
type APIKeyValidator interface {
	ValidateAPIKey(spec APIKeySpec) []FieldError
}

// DeletionGuard is implemented by backends whose platform refuses to delete some objects (a built-in
// group). The provider asks at plan time, so a destroy plan fails before anything is deleted.
type DeletionGuard interface {
	// GroupDeletionRefused returns why the group cannot be deleted, or "".
	GroupDeletionRefused(name string) string
}

// GroupMembersKeeper is implemented by backends whose platform adds people to some groups by itself (a
// built-in group every new user joins). An import leaves such a group's members unmanaged, so the
// configuration -generate-config-out writes does not take over a list the platform keeps.
type GroupMembersKeeper interface {
	// PlatformKeepsMembers reports whether the platform fills the group's membership by itself.
	PlatformKeepsMembers(groupName string) bool
}

// NotFoundConfirmer is implemented by backends that can tell whether an absence seen in an answer is to be
// trusted: ConfirmNotFound returns err (a *NotFoundError) when the server is the platform's API, and another
// error saying why not otherwise.
type NotFoundConfirmer interface {
	ConfirmNotFound(ctx context.Context, err error) error
}

// PendingMemberKeeper is implemented by backends on which a group's member may be named before they can join
// (Onyx: a person invited who has not signed up). Create and update add those who can join and return the
// others as members, waiting; the platform stores nothing about them, so a refresh asks the backend which of
// the members Terraform recorded still wait. They stay in state until they can join, when the refresh drops
// them and the next plan adds them.
type PendingMemberKeeper interface {
	// KeepPendingMembers returns g with those of want who are not in it and still cannot join added to its
	// members (and reported in its Extra).
	KeepPendingMembers(ctx context.Context, g Group, want []string) (Group, error)
}

// GroupDetailReader is implemented by backends whose ReadGroup leaves out parts of a group that cost requests
// of their own (Onyx: the permissions a group grants, one read per group, which its list of groups does not
// carry; Unleash: a group's project roles, from the group list and each project's access, read once per
// process). The provider asks for those details where its state holds them, after an import and in data
// sources, so a refresh of groups without them costs what it did.
type GroupDetailReader interface {
	// ReadGroupDetails returns g with the details that tracked (the Extra in state or plan) holds filled in,
	// and no request when it holds none. tracked nil asks for every detail the group has (an import, a data
	// source); a detail found empty then stays unset, so a configuration without it plans no change. A detail
	// g already carries (from the write that returned it) is not read again.
	ReadGroupDetails(ctx context.Context, g Group, tracked Extra) (Group, error)
}
