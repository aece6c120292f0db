package platform

// Name identifies a platform, exactly as users write it in the provider's `platform` argument.
type Name string

const (
	Authentik   Name = "authentik"
	Onyx        Name = "onyx"
	Unleash     Name = "unleash"
	Secoda      Name = "secoda"
	TykAIStudio Name = "tyk_ai_studio"
)

// AllNames lists every platform the provider knows of, in documentation order.
var AllNames = []Name{Authentik, Onyx, Unleash, Secoda, TykAIStudio}

// DisplayName is the product's own spelling, for messages and docs.
func (n Name) DisplayName() string {
	switch n {
	case Authentik:
		return "authentik"
	case Onyx:
		return "Onyx"
	case Unleash:
		return "Unleash"
	case Secoda:
		return "Secoda"
	case TykAIStudio:
		return "Tyk AI Studio"
	}
	return string(n)
}

// Strings returns the names as plain strings, e.g. for a OneOf validator.
func Strings(names []Name) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = string(n)
	}
	return out
}
