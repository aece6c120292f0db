package unleash

import (
	"encoding/json"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
)

// identity tells Unleash's API from another server at the endpoint: its 404 is an error object named
// NotFoundError, and GET /api/admin/user (any token) answers meSchema, {"user": {...}, "permissions": [...]}.
var identity = httpclient.Identity{
	API:   "Unleash",
	Probe: httpclient.Request{Method: http.MethodGet, Path: "/api/admin/user"},
	ProbeOK: func(resp *httpclient.Response) bool {
		obj, ok := resp.JSONObject()
		var user map[string]json.RawMessage
		var permissions []json.RawMessage
		return ok && json.Unmarshal(obj["user"], &user) == nil && user != nil &&
			json.Unmarshal(obj["permissions"], &permissions) == nil && permissions != nil
	},
	OwnNotFound: func(resp *httpclient.Response) bool {
		obj, ok := resp.JSONObject()
		var name string
		return ok && json.Unmarshal(obj["name"], &name) == nil && name == "NotFoundError" && httpclient.StringField(obj, "message")
	},
}
