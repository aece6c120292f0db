package tykaistudio

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

// Request bodies are decoded into typed structs the way gin's ShouldBindJSON does: unknown
// attributes are ignored, data.type is never looked at, and a wrong JSON type fails with Go's own
// message (id arrays must be numbers, so a client that sends ["5"] gets a 400). The message names the
// field as "<type>.data.attributes.x"; the real server's anonymous structs give ".data.attributes.x".

type userFields struct {
	Email                string   `json:"email"`
	Name                 string   `json:"name"`
	Password             string   `json:"password"`
	IsAdmin              bool     `json:"is_admin"`
	ShowChat             bool     `json:"show_chat"`
	ShowPortal           bool     `json:"show_portal"`
	EmailVerified        bool     `json:"email_verified"`
	NotificationsEnabled bool     `json:"notifications_enabled"`
	AccessToSSOConfig    bool     `json:"access_to_sso_config"`
	Groups               []uint32 `json:"groups"`
}

type groupFields struct {
	Name           string   `json:"name"`
	Members        []uint32 `json:"members"`
	Catalogues     []uint32 `json:"catalogues"`
	DataCatalogues []uint32 `json:"data_catalogues"`
	ToolCatalogues []uint32 `json:"tool_catalogues"`
}

func (f groupFields) list(kind catalogueKind) []uint32 {
	switch kind {
	case kindDataCatalogues:
		return f.DataCatalogues
	case kindToolCatalogues:
		return f.ToolCatalogues
	}
	return f.Catalogues
}

func decodeJSON(r *http.Request, dst any) error {
	return json.NewDecoder(io.LimitReader(r.Body, 32<<20)).Decode(dst)
}

// readUserFields decodes a user create/update body; on failure it has answered 400.
func readUserFields(w http.ResponseWriter, r *http.Request) (userFields, bool) {
	return readAttributes[userFields](w, r, "")
}

// readGroupFields decodes a group create/update/catalogue-replace body; on failure it has answered 400.
func readGroupFields(w http.ResponseWriter, r *http.Request) (groupFields, bool) {
	return readAttributes[groupFields](w, r, msgMalformedBody)
}

// readAttributes decodes {"data":{"type":…,"attributes":{…}}}; on failure it has answered 400 with
// the decoder's message after prefix.
func readAttributes[T any](w http.ResponseWriter, r *http.Request, prefix string) (T, bool) {
	var req struct {
		Data struct {
			Type       string `json:"type"`
			Attributes T      `json:"attributes"`
		} `json:"data"`
	}
	if err := decodeJSON(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, prefix+err.Error())
		return req.Data.Attributes, false
	}
	return req.Data.Attributes, true
}

// readRelationID decodes {"data":{"type":...,"id":"<decimal>"}}, the body of the single add routes.
func readRelationID(w http.ResponseWriter, r *http.Request, invalidMsg string) (uint32, bool) {
	var req struct {
		Data struct {
			Type string `json:"type"`
			ID   string `json:"id"`
		} `json:"data"`
	}
	if err := decodeJSON(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, msgInvalidRelationBody)
		return 0, false
	}
	id, ok := parseID(req.Data.ID)
	if !ok {
		writeError(w, http.StatusBadRequest, invalidMsg)
		return 0, false
	}
	return id, true
}

// parseID follows the server's strconv.ParseUint(s, 10, 32).
func parseID(raw string) (uint32, bool) {
	n, err := strconv.ParseUint(raw, 10, 32)
	if err != nil {
		return 0, false
	}
	return uint32(n), true
}

// pathID parses a path id; on failure it has answered 400 with msg.
func pathID(w http.ResponseWriter, r *http.Request, name, msg string) (uint32, bool) {
	id, ok := parseID(r.PathValue(name))
	if !ok {
		writeError(w, http.StatusBadRequest, msg)
	}
	return id, ok
}
