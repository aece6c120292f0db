package secoda

import (
	"encoding/json"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
)

// identity tells Secoda's API from another server at the endpoint. Secoda documents no current-user route;
// GET /user/ is what other clients call to check a key, and it answers the paginated envelope with a results
// list, never empty since the key's own user is a member. Secoda runs Django REST framework, whose 404 is a
// {"detail": "..."} object.
var identity = httpclient.Identity{
	API:   "Secoda",
	Probe: httpclient.Request{Method: http.MethodGet, Path: "/user/"},
	ProbeOK: func(resp *httpclient.Response) bool {
		obj, ok := resp.JSONObject()
		var results []map[string]json.RawMessage
		return ok && json.Unmarshal(obj["results"], &results) == nil && len(results) > 0 &&
			httpclient.StringField(results[0], "id") && httpclient.StringField(results[0], "email")
	},
	OwnNotFound: func(resp *httpclient.Response) bool {
		obj, ok := resp.JSONObject()
		return ok && httpclient.StringField(obj, "detail")
	},
}
