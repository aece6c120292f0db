package platform

import (
	"fmt"
	"sort"
)

// Kind is a Terraform type without the provider prefix.
type Kind string

const (
	KindUserGroup Kind = "user_group"
	KindUser      Kind = "user"
	KindAPIKey    Kind = "api_key"
	// KindEphemeralAPIKey is the ephemeral roster_api_key: minted for one Terraform run, revoked on close.
	KindEphemeralAPIKey Kind = "ephemeral_api_key"
)

// Feature is a (type, field) pair; the zero Field stands for the whole type.
type Feature struct {
	Kind  Kind
	Field Field
}

func (f Feature) String() string { return f.Describe(Field.String) }

// Describe names the feature for users, its field as attribute names it (the provider passes its own
// attribute names).
func (f Feature) Describe(attribute func(Field) string) string {
	if f.Kind == KindEphemeralAPIKey {
		return "ephemeral roster_api_key"
	}
	if f.Field.IsZero() {
		return "roster_" + string(f.Kind)
	}
	return fmt.Sprintf("roster_%s.%s", f.Kind, attribute(f.Field))
}

// Capabilities says what one platform cannot do. Anything not listed is supported.
type Capabilities struct {
	Platform Name
	// Available is false for platforms the provider does not implement yet.
	Available bool
	// Unsupported maps a feature to the reason, written for the user who tried it.
	Unsupported map[Feature]string
	// ReadOnly features are reported by the platform but cannot be set; the value is the reason.
	ReadOnly map[Feature]string
	// ReplaceOnChange lists fields the platform cannot change in place; changing one plans a replacement.
	ReplaceOnChange map[Kind][]Field
	// CreateOnly maps fields that can be set on create but never changed afterwards, not even by
	// replacement that users would expect, to the reason; changing one is a plan-time error.
	CreateOnly map[Feature]string
}

// Check returns an *UnsupportedError when the feature (or its whole type) is unsupported, else nil.
func (c Capabilities) Check(f Feature) error {
	if reason, ok := c.Unsupported[Feature{Kind: f.Kind}]; ok {
		return &UnsupportedError{Platform: c.Platform, Feature: Feature{Kind: f.Kind}, Reason: reason}
	}
	if reason, ok := c.Unsupported[f]; ok && !f.Field.IsZero() {
		return &UnsupportedError{Platform: c.Platform, Feature: f, Reason: reason}
	}
	return nil
}

// CheckSettable is Check, plus an error for a read-only feature.
func (c Capabilities) CheckSettable(f Feature) error {
	if err := c.Check(f); err != nil {
		return err
	}
	if reason, ok := c.ReadOnly[f]; ok {
		return &UnsupportedError{Platform: c.Platform, Feature: f, Reason: reason}
	}
	return nil
}

// SortedUnsupported lists the unsupported features in a stable order, for docs.
func (c Capabilities) SortedUnsupported() []Feature {
	out := make([]Feature, 0, len(c.Unsupported))
	for f := range c.Unsupported {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}
