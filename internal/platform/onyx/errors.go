package onyx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Hints appended to answers whose text does not say what to do.
const (
	hintForbidden = "Onyx answers 403 when the token is missing or unknown, or when its API key has no admin rights " +
		"(on Onyx v4.6 the key needs the admin role; on current Onyx it must be in the Admin group)"
	hintRouteMissing = "this server has no such Onyx route: check that endpoint is the Onyx server root (the client adds /api) " +
		"and that the provider's Onyx generation matches the server"
	enterpriseReason = "user groups need Onyx Enterprise Edition; this server answers 404 for the whole user-group API"
	// syncingText is how Onyx says a group is locked by its background sync.
	syncingText = "currently syncing"
)

// syncingError is a write refused because the group's background sync has not finished. Onyx sends
// it as 404 (or 409 on rename); it must not read as "not found", so it wraps the APIError alone.
type syncingError struct {
	Err *platform.APIError
}

func (e *syncingError) Error() string { return e.Err.Error() }
func (e *syncingError) Unwrap() error { return e.Err }

func isSyncing(err error) bool {
	var s *syncingError
	return errors.As(err, &s)
}

// errorBody covers the shapes Onyx answers with: OnyxError {error_code, detail}, HTTPException
// {detail}, the ValueError handler's {message}, its 422 {status_code, message, data}, and FastAPI's
// default 422 {detail: [{loc, msg}]} from servers without the custom handler.
type errorBody struct {
	ErrorCode string          `json:"error_code"`
	Detail    json.RawMessage `json:"detail"`
	Message   *string         `json:"message"`
}

type validationItem struct {
	Loc []any  `json:"loc"`
	Msg string `json:"msg"`
}

// serverMessage is the server's own explanation, with the OnyxError code when there is one.
func serverMessage(body []byte) (msg, code string) {
	trimmed := bytes.TrimSpace(body)
	var e errorBody
	if len(trimmed) > 0 && json.Unmarshal(trimmed, &e) == nil {
		var detail string
		var items []validationItem
		switch {
		case json.Unmarshal(e.Detail, &detail) == nil && detail != "":
			msg = detail
		case json.Unmarshal(e.Detail, &items) == nil && len(items) > 0:
			parts := make([]string, len(items))
			for i, it := range items {
				parts[i] = fmt.Sprintf("%v: %s", it.Loc, it.Msg)
			}
			msg = strings.Join(parts, "; ")
		case e.Message != nil:
			msg = *e.Message
		}
		if msg != "" {
			if e.ErrorCode != "" {
				msg += " [" + e.ErrorCode + "]"
			}
			return msg, e.ErrorCode
		}
	}
	return httpclient.ServerText(trimmed), ""
}

// newErrorDecoder turns Onyx's error answers into the platform package's typed errors. The token is
// cut out of the body first, in case a proxy or a debugging server echoes headers.
func newErrorDecoder(token string) httpclient.ErrorDecoder {
	return func(apiErr *platform.APIError, resp *httpclient.Response) error {
		body := httpclient.RedactSecret(resp.Body, token)
		msg, code := serverMessage(body)
		apiErr.Message = msg
		lower := strings.ToLower(msg)
		switch {
		case strings.Contains(lower, syncingText):
			return &syncingError{Err: apiErr}
		case resp.Status == http.StatusUnauthorized || resp.Status == http.StatusForbidden:
			apiErr.Message = httpclient.AppendHint(msg, hintForbidden)
			return apiErr
		case resp.Status == http.StatusPaymentRequired && code == "FEATURE_NOT_AVAILABLE":
			return &platform.UnsupportedError{Platform: Name, Feature: platform.Feature{Kind: kindOfPath(apiErr.Path)},
				Reason: "this Onyx plan does not include it (the server answered " + apiErr.Error() + ")"}
		case resp.Status == http.StatusNotFound && msg == "Not Found":
			// Every group operation starts by listing groups, so the list route alone tells the
			// Community Edition; a missing sub-route is more likely the other generation's.
			if strings.HasSuffix(apiErr.Path, groupsPath) {
				return &platform.UnsupportedError{Platform: Name, Feature: platform.Feature{Kind: platform.KindUserGroup},
					Reason: enterpriseReason + " (" + apiErr.Error() + "); if it is Enterprise, " + hintRouteMissing}
			}
			apiErr.Message = httpclient.AppendHint(msg, hintRouteMissing)
			return apiErr
		case resp.Status == http.StatusNotFound, resp.Status == http.StatusBadRequest && strings.Contains(lower, "does not exist") && strings.Contains(lower, "api key"):
			if field := fieldOf(lower); !field.IsZero() {
				return &platform.InvalidError{Fields: []platform.FieldError{{Field: field, Message: msg}}, Err: apiErr}
			}
			return &platform.NotFoundError{Err: apiErr, Platform: Name}
		case resp.Status == http.StatusConflict && !strings.Contains(lower, "default system group"),
			resp.Status == http.StatusBadRequest && strings.Contains(lower, "already exists"):
			return &platform.ConflictError{Fields: []platform.FieldError{{Field: conflictField(lower), Message: msg}}, Err: apiErr}
		case resp.Status == http.StatusBadRequest, resp.Status == http.StatusConflict, resp.Status == http.StatusUnprocessableEntity:
			return &platform.InvalidError{Fields: []platform.FieldError{{Field: fieldOf(lower), Message: msg}}, Err: apiErr}
		}
		return apiErr
	}
}

// fieldRule maps a phrase of a server message to the attribute it is about.
type fieldRule struct {
	contains string
	field    platform.Field
}

var fieldRules = []fieldRule{
	{"user(s) not found", platform.FieldMembers},
	{"can't join a group", platform.FieldMembers},
	{"left without a group", platform.FieldMembers},
	{"is not a member of", fieldCuratorIDs},
	{"manager of a default", fieldCuratorIDs},
	{"can't take connectors", fieldCCPairIDs},
	{"connector credential pair", fieldCCPairIDs},
	{"rename a default", platform.FieldName},
	{"group ids do not exist", fieldGroupIDs},
	{"invalid email address", platform.FieldEmail},
	{"deactivate yourself", platform.FieldActive},
	{"must be deactivated", platform.FieldActive},
	{"last admin", platform.FieldRole},
	{"admin group", platform.FieldRole},
	{"demote", platform.FieldRole},
	{"role", platform.FieldRole},
}

// fieldOf names the field a message is about, or the zero Field.
func fieldOf(lower string) platform.Field {
	for _, r := range fieldRules {
		if strings.Contains(lower, r.contains) {
			return r.field
		}
	}
	return platform.Field{}
}

// conflictField: what clashes on Onyx is a group's name, or an email.
func conflictField(lower string) platform.Field {
	if strings.Contains(lower, "email") {
		return platform.FieldEmail
	}
	return platform.FieldName
}

// kindOfPath says which roster type a request path belongs to, for UnsupportedError.
func kindOfPath(path string) platform.Kind {
	switch {
	case strings.Contains(path, "/user-group"):
		return platform.KindUserGroup
	case strings.Contains(path, "/api-key"):
		return platform.KindAPIKey
	}
	return platform.KindUser
}
