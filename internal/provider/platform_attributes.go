package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

// platformAttr is one platform's nested attribute on one Terraform type (`authentik = { ... }`): its schema
// and the conversions between its Terraform object and the platform package's Extra struct.
//
// These are nested attributes rather than blocks because blocks cannot be computed: the server's defaults
// (a username, a path, a token intent) must land in state so that import and refresh show no diff.
type platformAttr struct {
	platform    platform.Name
	description string
	// attributes are the resource schema's inner attributes; all Optional+Computed.
	attributes map[string]schema.Attribute
	attrTypes  map[string]attr.Type
	// toExtra converts the configured object. Null or unknown inner values mean "not managed by Terraform".
	// It is nil for platforms whose client does not exist yet.
	toExtra func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra
	// cleared holds the inner attributes that removing from the configuration clears, with the value that
	// clears each on the platform (see managed_attrs.go). Those not listed keep the server's value when
	// removed: a name or a role has no "none", and a default such as authentik's user path is not a clear.
	cleared map[string]attr.Value
	// derivedOnUpdate names inner attributes whose values the platform derives from other changes (Onyx's
	// user status after active changes): an update plans them as unknown instead of keeping the stored value.
	derivedOnUpdate []string
	// fromExtra renders what the platform reported. prior is the attribute's planned or stored object (null
	// or unknown when there is none), for fields a platform accepts but never reports back.
	fromExtra func(ctx context.Context, extra platform.Extra, prior types.Object, diags *diag.Diagnostics) types.Object
}

func (a platformAttr) name() string { return string(a.platform) }

func (a platformAttr) resourceSchema() schema.SingleNestedAttribute {
	attr := schema.SingleNestedAttribute{
		MarkdownDescription: a.description + " Only valid when the provider's `platform` is `" + a.name() + "`.",
		Optional:            true,
		Computed:            true,
		Attributes:          a.attributes,
		PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
	}
	if len(a.derivedOnUpdate) > 0 {
		attr.PlanModifiers = []planmodifier.Object{keepStateExceptDerived{derived: a.derivedOnUpdate}}
	}
	return attr
}

func (a platformAttr) nullObject() types.Object { return types.ObjectNull(a.attrTypes) }

// platformAttrSet is one platform's nested attributes, by Terraform type; nil where the type has none.
type platformAttrSet struct {
	group, user, apiKey *platformAttr
}

// platformAttrSets holds each platform's nested attributes; each platform_<name>.go registers its own.
var platformAttrSets = map[platform.Name]platformAttrSet{}

// registerPlatformAttrs is called from each platform_<name>.go's init.
func registerPlatformAttrs(name platform.Name, set platformAttrSet) {
	platformAttrSets[name] = set
}

// The nested attributes of each type, in the order of platforms.All (computed once, after every
// platform_<name>.go has registered its own).
var (
	groupPlatformAttrs = sync.OnceValue(func() []platformAttr {
		return platformAttrsOf(func(s platformAttrSet) *platformAttr { return s.group })
	})
	userPlatformAttrs   = sync.OnceValue(func() []platformAttr { return platformAttrsOf(func(s platformAttrSet) *platformAttr { return s.user }) })
	apiKeyPlatformAttrs = sync.OnceValue(func() []platformAttr {
		return platformAttrsOf(func(s platformAttrSet) *platformAttr { return s.apiKey })
	})
)

func platformAttrsOf(kind func(platformAttrSet) *platformAttr) []platformAttr {
	var out []platformAttr
	for _, d := range platforms.All {
		if a := kind(platformAttrSets[d.Name]); a != nil {
			out = append(out, *a)
		}
	}
	return out
}

func platformSchemas(attrs []platformAttr) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(attrs))
	for _, a := range attrs {
		out[a.name()] = a.resourceSchema()
	}
	return out
}

// checkForeignAttributes reports a nested attribute written for another platform than the provider's.
func checkForeignAttributes(d *providerData, attrs []platformAttr, config platformObjects, diags *diag.Diagnostics) {
	for _, a := range attrs {
		obj, ok := config[a.platform]
		if a.platform == d.platform || !ok || obj.IsNull() {
			continue
		}
		diags.AddAttributeError(path.Root(a.name()), "Attribute for another platform",
			fmt.Sprintf("%q holds %s-only settings, but this provider is configured for %s (platform = %q). "+
				"Remove it, or use a provider alias with platform = %q for this resource.",
				a.name(), a.platform.DisplayName(), d.platform.DisplayName(), d.platform, a.platform))
	}
}

// nullForeignAttributes plans other platforms' attributes as null instead of "known after apply". It reports
// whether it changed any, so that an unchanged plan is not written back (a costly conversion on every plan).
func nullForeignAttributes(d *providerData, attrs []platformAttr, plan platformObjects) (changed bool) {
	for _, a := range attrs {
		if obj, ok := plan[a.platform]; a.platform != d.platform && ok && !obj.IsNull() {
			plan[a.platform] = a.nullObject()
			changed = true
		}
	}
	return changed
}

// extraFromConfig converts the provider platform's configured nested attribute into its Extra.
func extraFromConfig(ctx context.Context, d *providerData, attrs []platformAttr, config platformObjects, diags *diag.Diagnostics) platform.Extra {
	for _, a := range attrs {
		if a.platform != d.platform || a.toExtra == nil {
			continue
		}
		obj, ok := config[a.platform]
		if !ok || obj.IsNull() || obj.IsUnknown() {
			return a.toExtra(ctx, a.nullObject(), diags)
		}
		return a.toExtra(ctx, obj, diags)
	}
	return nil
}

// platformObjectsFrom renders what the platform reported in its own attribute (prior holds the planned or
// stored objects); the other platforms' attributes are null.
func platformObjectsFrom(ctx context.Context, d *providerData, attrs []platformAttr, extra platform.Extra, prior platformObjects, diags *diag.Diagnostics) platformObjects {
	out := make(platformObjects, 1)
	for _, a := range attrs {
		if a.platform != d.platform || extra == nil || a.fromExtra == nil {
			continue
		}
		obj, ok := prior[a.platform]
		if !ok {
			obj = a.nullObject()
		}
		out[a.platform] = a.fromExtra(ctx, extra, obj, diags)
	}
	return out
}

// commonAttributes names the attribute of each field every platform has. With fieldPath it is the one place
// where the clients' neutral field names meet Terraform's attribute names.
var commonAttributes = map[platform.Field]string{
	platform.FieldName:            "name",
	platform.FieldDescription:     "description",
	platform.FieldMembers:         "members",
	platform.FieldEmail:           "email",
	platform.FieldRole:            "role",
	platform.FieldActive:          "active",
	platform.FieldPassword:        "password_wo",
	platform.FieldPasswordVersion: "password_wo_version",
	platform.FieldServiceAccount:  "service_account",
	platform.FieldUserID:          "user_id",
	platform.FieldExpiresAt:       "expires_at",
}

// fieldPath is where a platform field lives in the schema: a common field at its attribute, a platform's own
// field inside the platform's nested attribute. It reports false for the zero Field (the whole object) and for
// a common field without an attribute, which TestEveryPlatformFieldIsInTheSchema rules out.
func fieldPath(f platform.Field) (path.Path, bool) {
	if p := f.Platform(); p != "" {
		return path.Root(string(p)).AtName(f.Name()), true
	}
	name, ok := commonAttributes[f]
	if !ok {
		return path.Empty(), false
	}
	return path.Root(name), true
}

// attributeName names a field as users write it: "password_wo", "onyx.cc_pair_ids".
func attributeName(f platform.Field) string {
	if p, ok := fieldPath(f); ok {
		return p.String()
	}
	return f.String()
}

// fieldOfAttribute is the common field a top-level attribute holds.
func fieldOfAttribute(name string) (platform.Field, bool) {
	for f, attr := range commonAttributes {
		if attr == name {
			return f, true
		}
	}
	return platform.Field{}, false
}
