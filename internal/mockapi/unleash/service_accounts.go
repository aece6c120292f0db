package unleash

import (
	"net/http"
	"strconv"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Service accounts (Enterprise) as the enterprise OpenAPI document describes them (createServiceAccountSchema,
// updateServiceAccountSchema, serviceAccountSchema, createPatSchema, patSchema): rows of the users table marked
// as service accounts, so their ids come from the users' sequence and their usernames are unique among all
// users. The user-admin routes do not show them [inf: the enterprise controller's source is closed].

// pat is a service-account token (patSchema). Its secret is shown on create only.
type pat struct {
	id          int
	userID      int
	description string
	secret      string
	expiresAt   time.Time
	createdAt   time.Time
}

func (p *pat) json(withSecret bool) map[string]any {
	out := map[string]any{
		"id": p.id, "description": p.description, "expiresAt": formatTime(p.expiresAt),
		"createdAt": formatTime(p.createdAt), "seenAt": nil, "userId": p.userID,
	}
	if withSecret {
		out["secret"] = p.secret
	}
	return out
}

// serviceAccountJSON is serviceAccountSchema: no email, its tokens embedded (without secrets).
func (s *Server) serviceAccountJSON(u *user) map[string]any {
	tokens := mockapi.Each(s.st.pats.Select(func(p *pat) bool { return p.userID == u.id }), func(p *pat) map[string]any { return p.json(false) })
	return map[string]any{
		"id": u.id, "name": u.name, "username": u.username, "imageUrl": gravatar(u), "rootRole": u.rootRole,
		"createdAt": formatTime(u.createdAt), "isAPI": false, "tokens": tokens,
	}
}

func (s *Server) listServiceAccounts(w http.ResponseWriter, _ *http.Request, _ map[string]any) {
	accounts := mockapi.Each(s.st.users.Select(func(u *user) bool { return u.service }), s.serviceAccountJSON)
	writeJSON(w, http.StatusOK, map[string]any{"serviceAccounts": accounts, "rootRoles": mockapi.Each(s.st.rootRoles(), roleJSON)})
}

func (s *Server) serviceAccountFromPath(w http.ResponseWriter, r *http.Request) *user {
	id, ok := pathID(r)
	if !ok {
		schemaError(w, wrongType("/params/id", "integer", r.PathValue("id")))
		return nil
	}
	u := s.st.users.Get(id)
	if u == nil || !u.service {
		notFound(w, msgNoUser)
		return nil
	}
	return u
}

// createServiceAccount: username, name and rootRole (an id) are required; a taken username is a 409.
func (s *Server) createServiceAccount(w http.ResponseWriter, _ *http.Request, body map[string]any) {
	var details []detail
	for _, k := range []string{"username", "name"} {
		requiredString(body, k, &details)
	}
	role, roleOK := intValue(body["rootRole"])
	if _, present := body["rootRole"]; !present {
		details = append(details, requiredProperty("/body/rootRole"))
	} else if !roleOK {
		details = append(details, wrongType("/body/rootRole", "integer", body["rootRole"]))
	}
	if len(details) > 0 {
		schemaError(w, details...)
		return
	}
	username, _, _ := stringField(body, "username")
	name, _, _ := stringField(body, "name")
	if s.st.userByUsername(username) != nil {
		writeServiceError(w, http.StatusConflict, "NameExistsError", "A user with this username already exists")
		return
	}
	if !s.st.isRootRole(role) {
		badData(w, "Could not find rootRole="+strconv.Itoa(role))
		return
	}
	u := &user{id: s.st.userIDs.Next(), name: name, username: username, rootRole: role, service: true, createdAt: s.clock()}
	s.st.users.Put(u.id, u)
	writeJSON(w, http.StatusCreated, s.serviceAccountJSON(u))
}

// updateServiceAccount changes name and rootRole; the username stays.
func (s *Server) updateServiceAccount(w http.ResponseWriter, r *http.Request, body map[string]any) {
	u := s.serviceAccountFromPath(w, r)
	if u == nil {
		return
	}
	name, hasName, nameOK := stringField(body, "name")
	if hasName && !nameOK {
		schemaError(w, wrongType("/body/name", "string", body["name"]))
		return
	}
	role, roleOK := intValue(body["rootRole"])
	_, hasRole := body["rootRole"]
	if hasRole && !roleOK {
		schemaError(w, wrongType("/body/rootRole", "integer", body["rootRole"]))
		return
	}
	if hasRole && !s.st.isRootRole(role) {
		badData(w, "Could not find rootRole="+strconv.Itoa(role))
		return
	}
	if hasName {
		u.name = name
	}
	if hasRole {
		u.rootRole = role
	}
	writeJSON(w, http.StatusOK, s.serviceAccountJSON(u))
}

func (s *Server) deleteServiceAccount(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	u := s.serviceAccountFromPath(w, r)
	if u == nil {
		return
	}
	for _, p := range s.st.pats.Select(func(p *pat) bool { return p.userID == u.id }) {
		s.st.pats.Delete(p.id)
	}
	s.st.deleteUser(u.id)
	w.WriteHeader(http.StatusOK)
}

func (s *Server) listServiceAccountTokens(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	u := s.serviceAccountFromPath(w, r)
	if u == nil {
		return
	}
	pats := mockapi.Each(s.st.pats.Select(func(p *pat) bool { return p.userID == u.id }), func(p *pat) map[string]any { return p.json(false) })
	writeJSON(w, http.StatusOK, map[string]any{"pats": pats})
}

// createServiceAccountToken: description and expiresAt are required, the expiry must lie ahead, and a
// description is unique per account (409).
func (s *Server) createServiceAccountToken(w http.ResponseWriter, r *http.Request, body map[string]any) {
	u := s.serviceAccountFromPath(w, r)
	if u == nil {
		return
	}
	var details []detail
	description := requiredString(body, "description", &details)
	raw, hasExpiry, expiryOK := stringField(body, "expiresAt")
	expires, validExpiry := parseDateTime(raw)
	switch {
	case !hasExpiry:
		details = append(details, requiredProperty("/body/expiresAt"))
	case !expiryOK || !validExpiry:
		details = append(details, detail{Path: "/body/expiresAt", Message: `The "/body/expiresAt" property must match format "date-time".`})
	}
	if len(details) > 0 {
		schemaError(w, details...)
		return
	}
	now := s.clock()
	if !expires.After(now) {
		badData(w, "The expiry date should be in future.")
		return
	}
	if s.st.pats.Find(func(p *pat) bool { return p.userID == u.id && p.description == description }) != nil {
		writeServiceError(w, http.StatusConflict, "NameExistsError", "PAT description already exists")
		return
	}
	p := &pat{id: s.st.patIDs.Next(), userID: u.id, description: description, secret: "user:" + randomHex(28),
		expiresAt: expires.UTC().Truncate(time.Millisecond), createdAt: now}
	s.st.pats.Put(p.id, p)
	writeJSON(w, http.StatusCreated, p.json(true))
}

// deleteServiceAccountToken answers 200 whether or not the token exists, as the PAT store's delete does.
func (s *Server) deleteServiceAccountToken(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	u := s.serviceAccountFromPath(w, r)
	if u == nil {
		return
	}
	if id, err := strconv.Atoi(r.PathValue("tokenId")); err == nil {
		if p := s.st.pats.Get(id); p != nil && p.userID == u.id {
			s.st.pats.Delete(id)
		}
	}
	w.WriteHeader(http.StatusOK)
}
