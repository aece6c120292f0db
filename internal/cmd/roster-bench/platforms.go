package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/mocks"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	secodamock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/secoda"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/unleash"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

// mock is what the harness needs of a platform mock: the handler and its request log.
type mock interface {
	http.Handler
	Log() *mockapi.RequestLog
	AdminToken() string
}

// keyMode says how API keys fit a platform.
type keyMode int

const (
	keysNone       keyMode = iota // the platform has no API-key endpoints
	keysPerUser                   // any number of keys per user
	keysOnePerUser                // a user has at most one key
	keysUnowned                   // keys belong to the instance (no user_id)
)

// platformDef is everything the harness knows about one platform. Adding a platform is one entry in
// platformTable; nothing else in the harness (scenarios, report, Go benchmarks) names a platform.
type platformDef struct {
	// Name is the provider's `platform =` value.
	Name string
	// ClientOptions are the client's platform options (platform.Option) in the seeding client.
	ClientOptions map[string]string
	// ProviderExtra is added to the provider block of every run except the rate-limited and paced ones.
	ProviderExtra string

	// UserHCL, GroupHCL and KeyHCL return the attribute lines of the i-th object of the realistic mix
	// (name, email and references are added by the generator).
	UserHCL  func(i int) string
	GroupHCL func(i int) string
	KeyHCL   func(i int) string
	Keys     keyMode
	// KeyExtra is the platform block of the growth scenario's keys (the client-level twin of KeyHCL).
	KeyExtra platform.Extra
	// RequestFloors are the phases of the growth scenario ("keys/apply") that the API makes cost more than one
	// request per object, and why.
	RequestFloors map[string]requestFloorDef
	// SeedUser is the i-th group member the harness creates through NewClient.
	SeedUser func(i int) platform.UserSpec
	// SeedMembers, when set, replaces creating SeedUser(i) through the client: for a platform whose API
	// cannot create a person who can join a group (Onyx invites; people sign up themselves).
	SeedMembers func(ctx context.Context, api *rawAPI, n int) ([]string, error)
	// SeedGroup, when set, replaces creating a group of many members through the client: for a platform whose
	// API cannot take them in one write (Unleash: 10,000 members are over its 100 KiB JSON body limit).
	SeedGroup func(ctx context.Context, client benchClient, api *rawAPI, name string, members []string) (string, error)
	// GroupsOfSeededMembers is true where a user Terraform creates cannot join a group in the same apply
	// (an Onyx invitation is not a member until the person signs up): the mix's groups then list seeded
	// members, as a real configuration for that platform would, instead of the mix's roster_user ids.
	GroupsOfSeededMembers bool

	// MembersInline is true when the group object itself lists every member id (one request per group).
	// Otherwise members come from a separate listing whose largest page is MemberPageMax items (0: the
	// API returns every member in one answer).
	MembersInline bool
	MemberPageMax int

	// WriteLimit is the platform's documented limit on writes per minute, 0 when it documents none. The
	// rate-limited scenario runs for platforms that have one.
	WriteLimit int
	// PacedProvider renders the provider attribute that paces writes to n per minute.
	PacedProvider func(n int) string
	// UserCreateLimit is the server's default limit on user creations per minute where it has one of its own
	// (Unleash's CREATE_USER_RATE_LIMIT_PER_MINUTE), 0 otherwise. The paced user-creation scenario runs for
	// platforms that have one; their mock descriptor's WritesPerMinute sets it.
	UserCreateLimit int

	// Notes tell the report's reader how this platform's runs differ from the others' (seeding, settings).
	Notes string

	// StartMock, when set, starts the mock instead of its descriptor, for settings only this harness needs.
	StartMock func(mockapi.Options) mock

	// API describes raw requests to the mock for its throughput benchmark (platforms_bench_test.go).
	API apiRoutes
}

// apiRoutes are a platform's raw API requests: how to authenticate, read one user (a refresh's most common
// request), read the user list (its first page where the API pages), and create a user (an apply's most
// common request).
type apiRoutes struct {
	AuthScheme string // prefix of the token in the Authorization header
	GetUser    func(id string) string
	ListUsers  string
	CreateUser func(i int) (method, path string, body any)
}

// requestFloorDef is the fewest requests per object a phase can take, and the API's reason.
type requestFloorDef struct {
	Requests float64
	Why      string
}

// unpaced lifts the provider's write pacing for the scale runs (the mock's limit is lifted too).
const unpaced = "writes_per_minute = 1000000"

func userName(i int) string  { return fmt.Sprintf("Bench User%d", i) }
func userEmail(i int) string { return fmt.Sprintf("user%d@bench.example.com", i) }

// seedEmail keeps the seeded group members apart from the users Terraform creates.
func seedEmail(i int) string { return fmt.Sprintf("member%d@seed.example.com", i) }

func seedSpec(i int) platform.UserSpec {
	return platform.UserSpec{Email: seedEmail(i), Name: fmt.Sprintf("Member %d", i)}
}

// NewMock starts a fresh mock from the platform's mock descriptor (the server's default variant: the
// Enterprise editions, Onyx v4.6). writesPerMinute is only meaningful where WriteLimit is set: 0 means the
// documented limit, a negative value lifts it; any other limit (Unleash's on user creation) is lifted.
func (p platformDef) NewMock(writesPerMinute int) mock {
	d, _ := mocks.Lookup(p.Name)
	if p.WriteLimit == 0 {
		writesPerMinute = -1
	}
	opts := mockapi.Options{WritesPerMinute: writesPerMinute}
	if p.StartMock != nil {
		return p.StartMock(opts)
	}
	return d.Start(opts)
}

// NewMockLimitingUsers starts a fresh mock that allows perMinute user creations a minute (UserCreateLimit).
func (p platformDef) NewMockLimitingUsers(perMinute int) mock {
	d, _ := mocks.Lookup(p.Name)
	return d.Start(mockapi.Options{WritesPerMinute: perMinute})
}

// NewClient builds the platform's own client from its descriptor, unpaced (the mocks it seeds are
// unlimited): used to seed objects Terraform does not manage (group members) faster than Terraform could,
// and by the client micro-benchmarks.
func (p platformDef) NewClient(endpoint, token string) (benchClient, error) {
	d, _ := platforms.Lookup(platform.Name(p.Name))
	b, err := d.New(platform.Settings{Endpoint: endpoint, Token: token, HTTP: platform.Transport{MaxRetries: 4},
		WritesPerMinute: -1, Options: p.ClientOptions})
	if err != nil {
		return benchClient{}, err
	}
	groups, _ := b.(platform.GroupBackend)
	users, _ := b.(platform.UserBackend)
	keys, _ := b.(platform.APIKeyBackend)
	return benchClient{GroupBackend: groups, UserBackend: users, APIKeyBackend: keys}, nil
}

// benchClient is a platform's client seen through the parts the harness drives. APIKeyBackend is nil where the
// platform has no API keys (Keys == keysNone), and the harness then makes no key calls.
type benchClient struct {
	platform.GroupBackend
	platform.UserBackend
	platform.APIKeyBackend
}

// NoUserName is true where the API cannot set a user's name (the generator then leaves it out): the
// capability table says so.
func (p platformDef) NoUserName() bool {
	d, _ := platforms.Lookup(platform.Name(p.Name))
	return d.Capabilities.CheckSettable(platform.Feature{Kind: platform.KindUser, Field: platform.FieldName}) != nil
}

var platformTable = []platformDef{
	{
		Name:    "authentik",
		UserHCL: func(i int) string { return fmt.Sprintf("authentik = { username = \"user%d\" }", i) },
		GroupHCL: func(i int) string {
			return fmt.Sprintf("authentik = { attributes = jsonencode({ cost_center = \"cc-%d\" }) }", i%7)
		},
		KeyHCL: func(i int) string { return fmt.Sprintf("description = \"deploy key %d\"", i) },
		Keys:   keysPerUser,
		RequestFloors: map[string]requestFloorDef{
			"keys/apply": {2, "a token's key is answered only by GET /core/tokens/{identifier}/view_key/"},
			"keys/refresh": {2, "a Token has no key field and authentik rotates keys in the background without saying so on the token: " +
				"refresh reads each key through GET /core/tokens/{identifier}/view_key/"},
		},
		SeedUser:      seedSpec,
		MembersInline: true, // GET /core/groups/{id}/ lists member pks
		API: apiRoutes{
			AuthScheme: "Bearer ",
			GetUser:    func(id string) string { return "/api/v3/core/users/" + id + "/" },
			ListUsers:  "/api/v3/core/users/?page_size=100",
			CreateUser: func(i int) (string, string, any) {
				return http.MethodPost, "/api/v3/core/users/", map[string]any{"username": fmt.Sprintf("bench%d", i), "name": "Bench", "email": fmt.Sprintf("bench%d@example.com", i)}
			},
		},
	},
	{
		Name: "onyx",
		StartMock: func(o mockapi.Options) mock {
			// Creates and deletes do not wait for the background sync; it is short so that a row being deleted
			// does not outlive the phase after its delete by much.
			return onyxmock.New(onyxmock.Options{Token: o.Token, Generation: onyxmock.GenerationV46, SyncDelay: 20 * time.Millisecond})
		},
		// The mock serves the v4.6 line unless told otherwise; saying so spares the provider detecting it.
		ProviderExtra: `onyx_api_generation = "v4.6"`,
		ClientOptions: map[string]string{onyx.GenerationOption: "v4.6"},
		UserHCL:       func(int) string { return "" },
		GroupHCL: func(i int) string {
			return fmt.Sprintf("onyx = { cc_pair_ids = [\"%d\"] }", 1+i%onyxmock.SeedCCPairs)
		},
		KeyHCL:                func(int) string { return `onyx = { role = "basic" }` },
		Keys:                  keysUnowned,
		KeyExtra:              onyx.APIKeyExtra{Role: "basic"},
		SeedUser:              seedSpec,
		SeedMembers:           seedOnyxMembers,
		GroupsOfSeededMembers: true,
		MembersInline:         true, // the unpaginated group list carries each group's users
		Notes: "roster_user is an invitation, which is not a group member until the person signs up, so the mix's groups list " +
			"as many people seeded beforehand (invited through the API, signed up through the mock's hook) by their ids, as an Onyx " +
			"configuration does, instead of referencing the mix's users. The provider is told the API generation (`onyx_api_generation`). " +
			"The mock's background sync of a group takes 20 ms (Onyx's 20 to 40 s); creates and deletes do not wait for it, so only " +
			"a replacement (a create whose name a group being deleted still holds) would wait longer against a real server.",
		API: apiRoutes{
			AuthScheme: "Bearer ",
			GetUser:    func(id string) string { return "/api/manage/users?q=" + url.QueryEscape(id) }, // ReadUser's request
			ListUsers:  "/api/manage/users",                                                            // unpaginated
			CreateUser: func(i int) (string, string, any) {
				return http.MethodPut, "/api/manage/admin/users", map[string]any{"emails": []string{fmt.Sprintf("bench%d@example.com", i)}}
			},
		},
	},
	{
		Name:          "unleash",
		ProviderExtra: unpaced,
		UserHCL:       func(int) string { return `role = "Viewer"` },
		GroupHCL:      func(i int) string { return fmt.Sprintf("description = \"Bench team %d\"", i) },
		KeyHCL: func(int) string {
			return `unleash = { type = "backend", environment = "development", projects = ["*"] }`
		},
		Keys:     keysUnowned,
		KeyExtra: unleash.APIKeyExtra{Type: "backend", Environment: "development", Projects: []string{"*"}},
		RequestFloors: map[string]requestFloorDef{
			"groups/apply": {2, "the answer to POST /api/admin/groups carries no users (groupWriteResponseSchema), so the group is read back"},
		},
		SeedUser:      seedSpec,
		SeedGroup:     seedUnleashGroup,
		MembersInline: true, // GET /api/admin/groups/{id} embeds the users
		Notes: "the Enterprise edition (the open-source one has no groups), with user creation unthrottled in the mock as on a " +
			"server with CREATE_USER_RATE_LIMIT_PER_MINUTE raised. The judged big group is created empty through the client and " +
			"filled through the mock's hook: a write of 10,000 members is over Unleash's 100 KiB request body limit.",
		// Unleash documents a limit only on user creation (20/min), which the provider paces from the server's
		// headers (the paced user-creation scenario); the rate-limited scenario is about a limit on every write
		// (Secoda's).
		UserCreateLimit: unleashmock.DefaultUserCreatesPerMinute,
		API: apiRoutes{
			AuthScheme: "",
			GetUser:    func(id string) string { return "/api/admin/user-admin/" + id },
			ListUsers:  "/api/admin/user-admin", // unpaginated
			CreateUser: func(i int) (string, string, any) {
				return http.MethodPost, "/api/admin/user-admin", map[string]any{"email": fmt.Sprintf("bench%d@example.com", i), "rootRole": 3, "sendEmail": false}
			},
		},
	},
	{
		Name:          "secoda",
		ProviderExtra: unpaced,
		UserHCL:       func(int) string { return `role = "viewer"` },
		GroupHCL: func(i int) string {
			return fmt.Sprintf("description = \"Bench team %d\"\n  secoda = { icon = \"📊\" }", i)
		},
		Keys: keysNone,
		SeedUser: func(i int) platform.UserSpec {
			s, role := seedSpec(i), "viewer"
			s.Role = &role
			return s
		},
		MembersInline: true, // GET /auth/group/{id}/ lists member ids
		WriteLimit:    secodamock.DocumentedWritesPerMinute,
		PacedProvider: func(n int) string { return fmt.Sprintf("writes_per_minute = %d", n) },
		API: apiRoutes{
			AuthScheme: "Bearer ",
			GetUser:    func(id string) string { return "/api/v1/user/" + id + "/" },
			ListUsers:  "/api/v1/user/?page_size=100",
			CreateUser: func(i int) (string, string, any) {
				return http.MethodPost, "/api/v1/user/", map[string]any{"email": fmt.Sprintf("bench%d@example.com", i), "first_name": "Bench", "last_name": fmt.Sprint(i), "role": "viewer"}
			},
		},
	},
	{
		Name:    "tyk_ai_studio",
		UserHCL: func(int) string { return "tyk_ai_studio = { show_portal = true, email_verified = true }" },
		GroupHCL: func(i int) string {
			return fmt.Sprintf("tyk_ai_studio = { catalogue_ids = [\"%d\"] }", 1+i%tykmock.SeedCatalogues)
		},
		KeyHCL: func(int) string { return "" },
		Keys:   keysOnePerUser,
		RequestFloors: map[string]requestFloorDef{
			"keys/apply":     {2, "the user is read before the roll: the roll answers 500 for a missing user, and the key read before tells whether a lost roll was applied"},
			"keys/destroy":   {2, "there is no revoke: the user is read and the key rolled once more"},
			"groups/apply":   {4, "each of the 3 members is checked first: for an unknown id the server creates a blank user"},
			"groups/refresh": {2, "GET /groups/{id} answers a group without its users: the members come only from GET /groups/{id}/users"},
		},
		SeedUser:      seedSpec,
		MemberPageMax: 0, // GET /groups/{id}/users?all=true answers every member at once (no documented cap)
		API: apiRoutes{
			AuthScheme: "Bearer ",
			GetUser:    func(id string) string { return "/api/v1/users/" + id },
			ListUsers:  "/api/v1/users?page=1&page_size=100",
			CreateUser: func(i int) (string, string, any) {
				return http.MethodPost, "/api/v1/users", map[string]any{"data": map[string]any{"type": "users", "attributes": map[string]any{
					"email": fmt.Sprintf("bench%d@example.com", i), "name": fmt.Sprintf("Bench %d", i), "email_verified": true}}}
			},
		},
	},
}

func platformByName(name string) (platformDef, bool) {
	for _, p := range platformTable {
		if p.Name == name {
			return p, true
		}
	}
	return platformDef{}, false
}

// seedOnyxMembers makes n people who have signed up to Onyx: one invitation of every address through the
// API, then each person signs up (a mock hook: the API has no route for it). Their ids are the lower-cased
// addresses, as the client reports them.
func seedOnyxMembers(ctx context.Context, api *rawAPI, n int) ([]string, error) {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = strings.ToLower(seedEmail(i))
	}
	if err := api.expect(ctx, http.StatusOK, http.MethodPut, "/api/manage/admin/users", map[string]any{"emails": ids}); err != nil {
		return nil, err
	}
	err := forEach(ctx, n, 8, func(i int) error {
		return api.hook(ctx, http.MethodPost, "onyx/users/"+ids[i]+"/signup", nil)
	})
	return ids, err
}

// seedUnleashGroup creates the group empty through the client, then fills it through a mock hook: a PUT of
// thousands of members is over Unleash's request body limit (body-parser's 100 KiB), while a group that SSO
// sync filled can have them.
func seedUnleashGroup(ctx context.Context, client benchClient, api *rawAPI, name string, members []string) (string, error) {
	g, err := client.CreateGroup(ctx, platform.GroupSpec{Name: name, Members: []string{}})
	if err != nil {
		return "", err
	}
	ids := make([]int, len(members))
	for i, m := range members {
		if ids[i], err = strconv.Atoi(m); err != nil {
			return "", fmt.Errorf("unleash user id %q: %w", m, err)
		}
	}
	return g.ID, api.hook(ctx, http.MethodPatch, "unleash/groups/"+g.ID, map[string]any{"users": ids})
}
