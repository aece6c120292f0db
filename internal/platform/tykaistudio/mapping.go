package tykaistudio

import (
	"fmt"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// userFromWire maps a user to the neutral type. The API has no activation flag (a user exists until
// it is soft-deleted), so Active is always true. Groups are never reported from the user side: the
// provider reads membership through the group, and every user's implicit Default membership would
// otherwise look like drift.
func userFromWire(w userWire) platform.User {
	a := w.Attributes
	return platform.User{
		ID:     w.ID,
		Email:  a.Email,
		Name:   a.Name,
		Role:   a.Role,
		Active: true,
		Extra: UserExtra{
			IsAdmin:              ptr(a.IsAdmin),
			ShowChat:             ptr(a.ShowChat),
			ShowPortal:           ptr(a.ShowPortal),
			EmailVerified:        ptr(a.EmailVerified),
			NotificationsEnabled: ptr(a.NotificationsEnabled),
			AccessToSSOConfig:    ptr(a.AccessToSSOConfig),
		},
	}
}

// userInputFor builds the complete body of a user write: the spec's values where Terraform manages
// them, otherwise the current server values (update) or the server defaults, false (create, current
// == nil). When the result is not an admin, unmanaged admin-only flags are cleared, since the API
// refuses them for non-admins: demoting an admin must not fail on a flag nobody asked about.
func userInputFor(spec platform.UserSpec, extra UserExtra, current *userWire) userInput {
	var cur userWire
	if current != nil {
		cur = *current
	}
	c := cur.Attributes
	in := userInput{
		Email:                spec.Email,
		Name:                 spec.Name,
		IsAdmin:              pick(extra.IsAdmin, c.IsAdmin),
		ShowChat:             pick(extra.ShowChat, c.ShowChat),
		ShowPortal:           pick(extra.ShowPortal, c.ShowPortal),
		EmailVerified:        pick(extra.EmailVerified, c.EmailVerified),
		NotificationsEnabled: pick(extra.NotificationsEnabled, c.NotificationsEnabled),
		AccessToSSOConfig:    pick(extra.AccessToSSOConfig, c.AccessToSSOConfig),
	}
	if !in.IsAdmin {
		if extra.NotificationsEnabled == nil {
			in.NotificationsEnabled = false
		}
		if extra.AccessToSSOConfig == nil {
			in.AccessToSSOConfig = false
		}
	}
	return in
}

// groupFromWire maps a group and its members (user ids, read separately) to the neutral type.
func groupFromWire(w groupWire, members []string) platform.Group {
	return platform.Group{ID: w.ID, Name: w.Attributes.Name, Members: sortIDStrings(members), Extra: groupExtraOf(w)}
}

// groupExtraOf reads a group's catalogue ids, sorted and never nil.
func groupExtraOf(w groupWire) GroupExtra {
	a := w.Attributes
	return GroupExtra{CatalogueIDs: idsOf(a.Catalogues), DataCatalogueIDs: idsOf(a.DataCatalogues), ToolCatalogueIDs: idsOf(a.ToolCatalogues)}
}

// catalogueLists are a group's three catalogue id lists in wire form.
type catalogueLists struct {
	llm, data, tool []uint32
}

// desiredCatalogues resolves a spec's catalogue lists against the current ones: a nil (unmanaged)
// list keeps the current ids, because every group write replaces all three.
func desiredCatalogues(extra GroupExtra, current GroupExtra) (catalogueLists, error) {
	var out catalogueLists
	for _, l := range []struct {
		want, have []string
		dst        *[]uint32
		field      platform.Field
	}{
		{extra.CatalogueIDs, current.CatalogueIDs, &out.llm, fieldCatalogueIDs},
		{extra.DataCatalogueIDs, current.DataCatalogueIDs, &out.data, fieldDataCatalogueIDs},
		{extra.ToolCatalogueIDs, current.ToolCatalogueIDs, &out.tool, fieldToolCatalogueIDs},
	} {
		src := l.want
		if src == nil {
			src = l.have
		}
		ids, err := parseIDs(src)
		if err != nil {
			return catalogueLists{}, fmt.Errorf("%s: %w", l.field, err)
		}
		*l.dst = nonNil(ids)
	}
	return out, nil
}

func (l catalogueLists) extra() GroupExtra {
	return GroupExtra{CatalogueIDs: formatIDs(l.llm), DataCatalogueIDs: formatIDs(l.data), ToolCatalogueIDs: formatIDs(l.tool)}
}

func (l catalogueLists) equal(o catalogueLists) bool {
	return sameIDs(l.llm, o.llm) && sameIDs(l.data, o.data) && sameIDs(l.tool, o.tool)
}

func idsOf(objs []idOnly) []string {
	ids := make([]string, 0, len(objs))
	for _, o := range objs {
		ids = append(ids, o.ID)
	}
	return sortIDStrings(ids)
}

func sameIDs(a, b []uint32) bool {
	fa, fb := formatIDs(a), formatIDs(b)
	if len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if fa[i] != fb[i] {
			return false
		}
	}
	return true
}

func nonNil(ids []uint32) []uint32 {
	if ids == nil {
		return []uint32{}
	}
	return ids
}

func pick(want *bool, have bool) bool {
	if want != nil {
		return *want
	}
	return have
}

func ptr[T any](v T) *T { return &v }
