package authentik

import (
	"encoding/json"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
)

// identity tells authentik's API from another server at the endpoint: a 404 is authentik's own only as a DRF
// {"detail": "..."} object, and GET /core/users/me/ (any valid token may call it) answers a SessionUser,
// {"user": {"pk": <int>, "username": ...}}.
var identity = httpclient.Identity{
	API:   "authentik",
	Probe: httpclient.Request{Method: http.MethodGet, Path: "/core/users/me/"},
	ProbeOK: func(resp *httpclient.Response) bool {
		var me struct {
			User *struct {
				PK       *int    `json:"pk"`
				Username *string `json:"username"`
			} `json:"user"`
		}
		_, isObject := resp.JSONObject()
		return isObject && json.Unmarshal(resp.Body, &me) == nil && me.User != nil && me.User.PK != nil && me.User.Username != nil
	},
	OwnNotFound: func(resp *httpclient.Response) bool {
		obj, ok := resp.JSONObject()
		return ok && httpclient.StringField(obj, "detail")
	},
}
