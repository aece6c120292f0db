package tykaistudio

import (
	"encoding/json"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
)

// identity tells Tyk AI Studio's API from another server at the endpoint: its handlers' errors (the 404s and
// the 500 "record not found") are {"errors": [{"title", "detail"}]}, and the first page of users, one user
// long, is {"data": [{"type": "users", ...}]} (it is never empty: the token belongs to a user). The current-user
// route, /common/me, lies outside /api/v1, so it cannot vouch for the API path the endpoint points at.
var identity = httpclient.Identity{
	API:   "Tyk AI Studio",
	Probe: httpclient.Request{Method: http.MethodGet, Path: usersPath, Query: map[string][]string{"page": {"1"}, "page_size": {"1"}}},
	ProbeOK: func(resp *httpclient.Response) bool {
		var page struct {
			Data []struct {
				Type string `json:"type"`
			} `json:"data"`
		}
		_, ok := resp.JSONObject()
		return ok && json.Unmarshal(resp.Body, &page) == nil && len(page.Data) > 0 && page.Data[0].Type == "users"
	},
	OwnNotFound: func(resp *httpclient.Response) bool {
		var body struct {
			Errors []struct {
				Title *string `json:"title"`
			} `json:"errors"`
		}
		_, ok := resp.JSONObject()
		return ok && json.Unmarshal(resp.Body, &body) == nil && len(body.Errors) > 0 && body.Errors[0].Title != nil
	},
}
