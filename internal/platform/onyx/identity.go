package onyx

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
)

// identity tells Onyx's API from another server at the endpoint: its errors are {"detail": "..."} (with an
// error_code on current Onyx) or the ValueError handler's {"message": "..."}, and GET /me (any valid key)
// answers a UserInfo with the caller's id and email.
var identity = httpclient.Identity{
	API:   "Onyx",
	Probe: httpclient.Request{Method: http.MethodGet, Path: "/me"},
	ProbeOK: func(resp *httpclient.Response) bool {
		obj, ok := resp.JSONObject()
		return ok && httpclient.StringField(obj, "id") && httpclient.StringField(obj, "email")
	},
	OwnNotFound: func(resp *httpclient.Response) bool {
		obj, ok := resp.JSONObject()
		return ok && (httpclient.StringField(obj, "detail") || httpclient.StringField(obj, "message"))
	},
}
