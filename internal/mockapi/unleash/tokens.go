package unleash

import (
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

var tokenTypePattern = regexp.MustCompile(`^([Cc][Ll][Ii][Ee][Nn][Tt]|[Bb][Aa][Cc][Kk][Ee][Nn][Dd]|[Ff][Rr][Oo][Nn][Tt][Ee][Nn][Dd])$`)

const oneOfBody = `The "/body" property must match exactly one schema in oneOf. The data you provided matches more than one option in the schema. These options are mutually exclusive. Please refer back to the schema and remove any excess properties.`

// tokenJSON is apiTokenSchema as the list renders it: unset values are null, and "project" is the legacy
// single-project view ("[]" style lists are joined).
func tokenJSON(t *apiToken) map[string]any {
	return map[string]any{
		"secret":      t.secret,
		"tokenName":   t.tokenName,
		"type":        t.tokenType,
		"project":     strings.Join(t.projects, ","),
		"projects":    t.projects,
		"environment": t.environment,
		"expiresAt":   formatTimePtr(t.expiresAt),
		"createdAt":   formatTime(t.createdAt),
		"alias":       nil,
		"seenAt":      nil,
		"secure":      false,
	}
}

func (s *Server) listTokens(w http.ResponseWriter, _ *http.Request, _ map[string]any) {
	writeJSON(w, http.StatusOK, map[string]any{"tokens": s.tokensMatching(func(*apiToken) bool { return true })})
}

// tokensByName answers {tokens: []} when nothing matches; names are not unique.
func (s *Server) tokensByName(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	name := r.PathValue("name")
	writeJSON(w, http.StatusOK, map[string]any{"tokens": s.tokensMatching(func(t *apiToken) bool { return t.tokenName == name })})
}

func (s *Server) tokensMatching(keep func(*apiToken) bool) []map[string]any {
	return mockapi.Each(slices.DeleteFunc(slices.Clone(s.st.tokens), func(t *apiToken) bool { return !keep(t) }), tokenJSON)
}

// createToken follows the OpenAPI check, then the Joi schema (type lowercased, environment defaulting to
// development, projects to ["*"], the singular "project" stripped), then the service: no token may span all
// environments, the environment and every project must exist. The 201 echoes the requested type; the stored
// one is what the list shows, with backend folded into client (the drift the provider must absorb).
func (s *Server) createToken(w http.ResponseWriter, _ *http.Request, body map[string]any) {
	var details []detail
	name := requiredString(body, "tokenName", &details)
	typ, hasType, typeOK := stringField(body, "type")
	switch {
	case !hasType:
		details = append(details, requiredProperty("/body/type"))
	case !typeOK || !tokenTypePattern.MatchString(typ):
		details = append(details, detail{Path: "/body/type", Message: "The `/body/type` property must match pattern \"" +
			tokenTypePattern.String() + "\". You sent " + jsonText(body["type"]) + "."})
	}
	expiresAt, badExpiry := optionalDateTime(body, "expiresAt")
	if badExpiry != nil {
		details = append(details, *badExpiry)
	}
	projects, projectsOK := stringList(body["projects"])
	if _, present := body["projects"]; present && !projectsOK {
		details = append(details, wrongType("/body/projects", "array", body["projects"]))
	}
	env, hasEnv, envOK := stringField(body, "environment")
	if hasEnv && !envOK {
		details = append(details, wrongType("/body/environment", "string", body["environment"]))
	}
	if len(details) > 0 {
		schemaError(w, append(details, detail{Path: "/body", Message: oneOfBody})...)
		return
	}

	typ = strings.ToLower(typ)
	if !hasEnv {
		env = DefaultEnv
	}
	if _, present := body["projects"]; !present {
		projects = []string{"*"}
	}
	if len(projects) == 0 {
		joiError(w, `"projects" must contain at least 1 items`)
		return
	}
	if env == "*" {
		kind := "Client"
		if typ == "frontend" {
			kind = "Frontend"
		}
		badData(w, kind+" token cannot be scoped to all environments")
		return
	}
	if !s.st.environments[env] {
		badData(w, "Environment="+env+" does not exist")
		return
	}
	projects = collapseProjects(projects)
	for _, p := range projects {
		if p != "*" && !s.st.projects[p] {
			badData(w, "Project="+p+" does not exist")
			return
		}
	}
	t := &apiToken{
		secret: secretFor(projects, env), tokenName: name, tokenType: storedType(typ), environment: env,
		projects: projects, expiresAt: expiresAt, createdAt: s.clock(),
	}
	s.st.tokens = append(s.st.tokens, t)

	out := tokenJSON(t)
	out["type"] = typ
	delete(out, "seenAt")
	if t.expiresAt == nil {
		delete(out, "expiresAt")
	}
	w.Header().Set("Location", "api-tokens")
	writeJSON(w, http.StatusCreated, out)
}

// storedType is the type the database keeps: Unleash 8.2 lists backend tokens as client tokens.
func storedType(t string) string {
	if t == "backend" {
		return "client"
	}
	return t
}

// collapseProjects is resolveValidProjects: any list with "*" means all projects.
func collapseProjects(projects []string) []string {
	for _, p := range projects {
		if p == "*" {
			return []string{"*"}
		}
	}
	out := append([]string(nil), projects...)
	sort.Strings(out)
	return out
}

// secretFor builds a v1 secret: <project|*|[]>:<environment>.<56 hex>.
func secretFor(projects []string, env string) string {
	prefix := projects[0]
	if len(projects) > 1 {
		prefix = "[]"
	}
	return prefix + ":" + env + "." + randomHex(28)
}

// updateToken changes only the expiry. An unknown token is not an error: 200, nothing done.
func (s *Server) updateToken(w http.ResponseWriter, r *http.Request, body map[string]any) {
	if _, present := body["expiresAt"]; !present {
		schemaError(w, requiredProperty("/body/expiresAt"))
		return
	}
	expiresAt, bad := optionalDateTime(body, "expiresAt")
	if bad != nil {
		schemaError(w, *bad)
		return
	}
	if i := s.st.tokenIndex(r.PathValue("token")); i >= 0 {
		s.st.tokens[i].expiresAt = expiresAt
	}
	writeEmpty(w)
}

// deleteToken answers 200 whether or not the token existed.
func (s *Server) deleteToken(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	if i := s.st.tokenIndex(r.PathValue("token")); i >= 0 {
		s.st.tokens = append(s.st.tokens[:i], s.st.tokens[i+1:]...)
	}
	writeEmpty(w)
}
