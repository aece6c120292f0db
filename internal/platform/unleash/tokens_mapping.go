package unleash

import (
	"errors"
	"slices"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// redactPath removes a token secret from the path an *platform.APIError reports, so that it never reaches a
// Terraform diagnostic.
func redactPath(err error, secret string) error {
	var apiErr *platform.APIError
	if errors.As(err, &apiErr) {
		apiErr.Path = tokensPath + "/" + tokenID(secret)
	}
	return err
}

// secretHidden reports whether a list entry shows only a v2 selector, not the secret.
func secretHidden(listed string) bool { return selectorPattern.MatchString(listed) }

func tokenFromWire(w tokenWire) platform.APIKey {
	key := platform.APIKey{
		ID:   tokenID(w.Secret),
		Name: w.TokenName,
		Extra: APIKeyExtra{
			Type:        normalizeType(w.Type),
			Environment: w.Environment,
			Projects:    normalizeProjects(w.Projects),
		},
	}
	if w.ExpiresAt != nil {
		at := w.ExpiresAt.UTC()
		key.ExpiresAt = &at
	}
	return key
}

// normalizeType folds backend into client: Unleash 8.2 lists a backend token as a client token, so the two
// must compare equal or every backend token would be replaced on the next plan.
func normalizeType(t string) string {
	switch t {
	case "backend", "":
		return "client"
	}
	return t
}

// normalizeProjects sorts, and collapses any list with "*" to ["*"] as Unleash does.
func normalizeProjects(projects []string) []string {
	if len(projects) == 0 {
		return []string{"*"}
	}
	if slices.Contains(projects, "*") {
		return []string{"*"}
	}
	out := slices.Clone(projects)
	slices.Sort(out)
	return out
}

func tokenCreateFrom(spec platform.APIKeySpec) (tokenCreate, error) {
	extra, err := platform.ExtraAs[APIKeyExtra](spec.Extra)
	if err != nil {
		return tokenCreate{}, err
	}
	body := tokenCreate{TokenName: spec.Name, Type: extra.Type, Environment: extra.Environment, Projects: extra.Projects}
	if body.Type == "" {
		body.Type = "backend"
	}
	if spec.ExpiresAt != nil {
		at := spec.ExpiresAt.UTC()
		body.ExpiresAt = &at
	}
	return body, nil
}
