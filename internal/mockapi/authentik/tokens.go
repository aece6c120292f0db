package authentik

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const (
	intentVerification = "verification"
	intentAPI          = "api"
	intentRecovery     = "recovery"
	intentAppPassword  = "app_password"

	identifierMaxLength = 255
	// attrTokenExpires is the user attribute that decides "expiring" for a non-superuser's tokens.
	attrTokenExpires = "goauthentik.io/user/token-expires"
)

var intents = []string{intentVerification, intentAPI, intentRecovery, intentAppPassword}

// tokenChanges is a validated token write after TokenSerializer.validate has run.
type tokenChanges struct {
	identifier  *string
	intent      string // always set: validate() defaults it to api
	user        int    // always set: validate() defaults it to the caller
	description *string
	expires     *time.Time
	hasExpires  bool
	expiring    *bool
	managed     *string
	hasManaged  bool
}

// validateToken reads a TokenRequest. Field errors come first; only a body without them reaches
// the object-level rules, which also run on PUT and PATCH: an omitted intent becomes api and an
// omitted user becomes the caller, so the owner of a token can change silently (authentik.md §4.6).
func (s *Server) validateToken(b *mockapi.DRFBody, existing *token, mode mockapi.WriteMode, caller *user) (tokenChanges, bool) {
	var c tokenChanges
	if mode != mockapi.ModePatch {
		b.Require("identifier")
	}
	if id, ok := b.Str("identifier", mockapi.StrRule{}); ok {
		valid := true
		if len([]rune(id)) > identifierMaxLength {
			b.Errs.Add("identifier", mockapi.MsgMaxLength(identifierMaxLength))
			valid = false
		}
		if !slugPattern.MatchString(id) {
			b.Errs.Add("identifier", msgInvalidSlug)
			valid = false
		}
		if other := s.st.tokens.Get(id); valid && other != nil && other != existing {
			b.Errs.Add("identifier", "Token with this identifier already exists.")
			valid = false
		}
		if valid {
			c.identifier = &id
		}
	}
	intent, hasIntent := b.Choice("intent", false, intents...)
	userPK, hasUser := userRef(b, "user", s.st.users.Has)
	if hasUser && existing != nil && userPK != existing.user {
		b.Errs.Add("user", "User cannot be changed")
	}
	if d, ok := b.Str("description", mockapi.StrRule{AllowBlank: true}); ok {
		c.description = &d
	}
	c.expires, c.hasExpires = dateTime(b, "expires", true)
	if v, ok := b.Bool("expiring"); ok {
		c.expiring = &v
	}
	c.managed, c.hasManaged = b.NullableStr("managed", mockapi.StrRule{})
	if c.hasManaged && c.managed != nil {
		for _, t := range s.st.tokens.Rows() {
			if t != existing && t.managed != nil && *t.managed == *c.managed {
				b.Errs.Add("managed", "Token with this Managed by authentik already exists.")
				c.hasManaged = false
				break
			}
		}
	}
	if len(b.Errs) > 0 {
		return c, false
	}

	c.intent, c.user = intent, userPK
	if !hasIntent {
		c.intent = intentAPI
	}
	if !hasUser {
		c.user = caller.pk
	}
	now := s.clock()
	switch c.intent {
	case intentAPI:
		// The server owns the expiry of api tokens: a client's value is replaced on every write.
		expires := now.Add(s.tokenDuration)
		c.expires, c.hasExpires = &expires, true
	case intentAppPassword:
		limit := now.Add(s.tokenDuration)
		if c.hasExpires && c.expires != nil && c.expires.After(limit) {
			b.Errs.Add("expires", fmt.Sprintf("Token expires exceeds maximum lifetime (%s UTC).", pythonDateTime(limit)))
		}
	default:
		b.Errs.Add("intent", "Invalid intent "+c.intent)
	}
	return c, len(b.Errs) == 0
}

// pythonDateTime is str() of an aware Python datetime, as it appears inside authentik's messages.
func pythonDateTime(t time.Time) string {
	if t.Nanosecond()/1000 == 0 {
		return t.UTC().Format("2006-01-02 15:04:05+00:00")
	}
	return t.UTC().Format("2006-01-02 15:04:05.000000+00:00")
}

func (s *Server) applyToken(t *token, c tokenChanges, _ mockapi.WriteMode) {
	if c.identifier != nil && *c.identifier != t.identifier {
		s.st.tokens.Delete(t.identifier)
		t.identifier = *c.identifier
	}
	s.st.tokens.Put(t.identifier, t)
	t.intent, t.user = c.intent, c.user
	mockapi.SetIf(&t.description, c.description)
	if c.hasExpires {
		t.expires = c.expires
	}
	mockapi.SetIf(&t.expiring, c.expiring)
	if c.hasManaged {
		t.managed = c.managed
	}
}

// tokens is the ModelViewSet of /core/tokens/.
func (s *Server) tokens() mockapi.ModelView[*user, *token, tokenChanges] {
	return mockapi.ModelView[*user, *token, tokenChanges]{
		Find:     s.tokenFromPath,
		Validate: s.validateToken,
		New:      s.newToken,
		Apply:    s.applyToken,
		Render:   func(r *http.Request, t *token) any { return s.st.renderToken(t, userFlagsOf(r)) },
		Delete:   s.st.deleteToken,
	}
}

func (s *Server) newToken(c tokenChanges, caller *user) *token {
	t := &token{uuid: mockapi.NewUUID(), key: newTokenKey(), expiring: true}
	if c.intent == intentAppPassword && !c.hasExpires {
		expires := s.clock().Add(s.tokenDuration) // the model's default expiry
		t.expires = &expires
	}
	if !s.st.userIsSuperuser(caller.pk) {
		// perform_create: a non-superuser always owns what it creates, and its own attribute decides
		// whether the token expires.
		c.user = caller.pk
		expiring := userAttributeBool(caller, attrTokenExpires, true)
		c.expiring = &expiring
	}
	s.applyToken(t, c, mockapi.ModeCreate)
	return t
}

func userAttributeBool(u *user, key string, def bool) bool {
	var attrs map[string]any
	if json.Unmarshal(u.attributes, &attrs) != nil {
		return def
	}
	if v, ok := attrs[key].(bool); ok {
		return v
	}
	return def
}

// tokenVisible mirrors the token queryset: a superuser sees every token, anyone else only their own.
func (s *Server) tokenVisible(t *token, caller *user) bool {
	return t.user == caller.pk || s.st.userIsSuperuser(caller.pk)
}

func (s *Server) tokenFromPath(w http.ResponseWriter, r *http.Request, caller *user) *token {
	if t := s.st.tokens.Get(r.PathValue("identifier")); t != nil && s.tokenVisible(t, caller) {
		return t
	}
	writeNoSuchObject(w, "Token")
	return nil
}

// viewKey is the only way to read a key. Expired tokens are still readable.
func (s *Server) viewKey(w http.ResponseWriter, r *http.Request, caller *user) {
	if t := s.tokenFromPath(w, r, caller); t != nil {
		mockapi.WriteJSON(w, http.StatusOK, map[string]string{"key": t.key})
	}
}

// setKey looks the token up first, then answers a missing or empty key with a bare 400 (no body),
// as authentik does.
func (s *Server) setKey(w http.ResponseWriter, r *http.Request, caller *user) {
	t := s.tokenFromPath(w, r, caller)
	if t == nil {
		return
	}
	b, ok := mockapi.ReadDRFBody(w, r)
	if !ok {
		return
	}
	key := ""
	if raw, present := b.Fields["key"]; present {
		if json.Unmarshal(raw, &key) != nil && mockapi.PythonType(raw) != "NoneType" {
			key = strings.TrimSpace(string(raw)) // a non-string value is stored as its text, as Python would
		}
	}
	if key == "" || key == "false" || key == "0" {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	t.key = key
	mockapi.WriteNoContent(w)
}

// expireTokens is authentik's background cleanup of expired tokens (authentik.md §4.7): an expired api
// token gets a new key and a new expiry (a secret_rotate event), an expired token of any other intent is
// deleted. Tokens with expiring=false never expire. It returns the identifiers it rotated and deleted.
func (s *Server) expireTokens() (rotated, deleted []string) {
	now := s.clock()
	for _, t := range s.st.tokens.Select(func(t *token) bool { return t.expiring && t.expires != nil && !t.expires.After(now) }) {
		if t.intent != intentAPI {
			s.st.deleteToken(t)
			deleted = append(deleted, t.identifier)
			continue
		}
		expires := now.Add(s.tokenDuration)
		t.key, t.expires = newTokenKey(), &expires
		rotated = append(rotated, t.identifier)
	}
	return rotated, deleted
}
