package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/onyx"
)

// Onyx's nested attributes, named after the fields of its API (/api/manage/..., /api/admin/api-key).

type onyxGroupModel struct {
	CCPairIDs        types.Set  `tfsdk:"cc_pair_ids"`
	CuratorIDs       types.Set  `tfsdk:"curator_ids"`
	Permissions      types.Set  `tfsdk:"permissions"`
	IncognitoEnabled types.Bool `tfsdk:"incognito_enabled"`
	PendingMembers   types.Set  `tfsdk:"pending_members"`
}

type onyxUserModel struct {
	Status types.String `tfsdk:"status"`
}

type onyxAPIKeyModel struct {
	Role     types.String `tfsdk:"role"`
	GroupIDs types.Set    `tfsdk:"group_ids"`
}

var onyxGroupTypes = map[string]attr.Type{
	"cc_pair_ids":       types.SetType{ElemType: types.StringType},
	"curator_ids":       types.SetType{ElemType: types.StringType},
	"permissions":       types.SetType{ElemType: types.StringType},
	"incognito_enabled": types.BoolType,
	"pending_members":   types.SetType{ElemType: types.StringType},
}

var onyxUserTypes = map[string]attr.Type{"status": types.StringType}

var onyxAPIKeyTypes = map[string]attr.Type{
	"role":      types.StringType,
	"group_ids": types.SetType{ElemType: types.StringType},
}

func optionalComputedSet(doc string) schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: doc, ElementType: types.StringType, Optional: true, Computed: true,
		PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
	}
}

var onyxGroupAttr = platformAttr{
	platform:    onyx.Name,
	description: "Onyx-only group settings.",
	attrTypes:   onyxGroupTypes,
	// pending_members changes when an invitee signs up, which any update of the group may take into account.
	derivedOnUpdate: []string{"pending_members"},
	// Cleared permissions leave the group only basic, which every Onyx group grants.
	cleared: map[string]attr.Value{"cc_pair_ids": emptyStringSet, "curator_ids": emptyStringSet, "permissions": emptyStringSet,
		"incognito_enabled": types.BoolValue(false)},
	attributes: map[string]schema.Attribute{
		"cc_pair_ids": optionalComputedSet("Ids of the connector / credential pairs whose documents the group may see. " +
			"Left out of a configuration that never set it, the connectors set in Onyx are kept."),
		"curator_ids": optionalComputedSet("Emails of the group's curators (Onyx v4.6) or managers (current Onyx), " +
			"who must be members and have signed up."),
		"permissions": optionalComputedSet("What the group grants its members besides `basic`, which every Onyx group grants " +
			"and which cannot be set here: `add:agents`, `create:user_api_keys`, `manage:actions`, `manage:agents`, `manage:connectors`, " +
			"`manage:document_sets`, `manage:llms`, `manage:user_groups`, `read:agent_analytics`, `read:query_history`; " +
			"current Onyx also `manage:bots` and `manage:service_account_api_keys`; Onyx v4.6 also `add:connectors`, " +
			"`create:service_account_api_keys` and `create:slack_discord_bots`. Current Onyx refuses them on its default groups. " +
			"Onyx's list of groups does not carry them, so reading them costs a request per group: a configuration that never set " +
			"them leaves them null in state, except after an import of a group that grants any; the data sources read them, a request per group."),
		"incognito_enabled": schema.BoolAttribute{
			MarkdownDescription: "Whether the members may start incognito chats when Onyx limits those to groups. " +
				"Current Onyx refuses it on its default groups.",
			Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
		},
		"pending_members": schema.SetAttribute{
			MarkdownDescription: "Members who have been invited but have not signed up yet, so Onyx cannot add them to the group: " +
				"they stay in `members` and are added by the first apply after they sign up. Every plan warns while the set is not empty. " +
				"Onyx stores nothing about them, so only the resource, from its state, knows them: the data source reports none.",
			ElementType: types.StringType, Computed: true,
		},
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m onyxGroupModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return onyx.GroupExtra{CCPairIDs: optionalStrings(m.CCPairIDs), CuratorIDs: optionalStrings(m.CuratorIDs),
			Permissions: optionalStrings(m.Permissions), IncognitoEnabled: optionalBool(m.IncognitoEnabled)}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, _ types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(onyx.GroupExtra)
		warnPendingMembers(e.PendingMembers, diags)
		m := onyxGroupModel{CCPairIDs: stringSet(ctx, e.CCPairIDs, diags), CuratorIDs: stringSet(ctx, e.CuratorIDs, diags),
			Permissions: types.SetNull(types.StringType), IncognitoEnabled: types.BoolPointerValue(e.IncognitoEnabled),
			PendingMembers: stringSet(ctx, e.PendingMembers, diags)}
		if e.Permissions != nil { // nil: not read (see ReadGroupDetails)
			m.Permissions = stringSet(ctx, e.Permissions, diags)
		}
		obj, d := types.ObjectValueFrom(ctx, onyxGroupTypes, m)
		diags.Append(d...)
		return obj
	},
}

// warnPendingMembers names the members who wait for their sign-up. A warning, not a change to plan: no apply
// can add them before they sign up, so a drift run stays quiet (exit code 0) until one can.
func warnPendingMembers(pending []string, diags *diag.Diagnostics) {
	if len(pending) == 0 {
		return
	}
	diags.AddAttributeWarning(path.Root("members"), "Members waiting for their sign-up",
		fmt.Sprintf("Onyx adds people to a group only once they have accepted their invitation. Waiting: %s. "+
			"They stay in members (and in onyx.pending_members); the first plan after they sign up shows the update that adds them.",
			strings.Join(pending, ", ")))
}

var onyxUserAttr = platformAttr{
	platform:        onyx.Name,
	description:     "Onyx-only user information.",
	attrTypes:       onyxUserTypes,
	derivedOnUpdate: []string{"status"}, // status follows active
	attributes: map[string]schema.Attribute{
		"status": schema.StringAttribute{
			MarkdownDescription: "`invited` until the person signs up, then `active`, or `deactivated`.",
			Computed:            true,
		},
	},
	toExtra: func(context.Context, types.Object, *diag.Diagnostics) platform.Extra { return onyx.UserExtra{} },
	fromExtra: func(ctx context.Context, extra platform.Extra, _ types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(onyx.UserExtra)
		obj, d := types.ObjectValueFrom(ctx, onyxUserTypes, onyxUserModel{Status: types.StringValue(e.Status)})
		diags.Append(d...)
		return obj
	},
}

var onyxAPIKeyAttr = platformAttr{
	platform:    onyx.Name,
	description: "Onyx-only API key settings; which one applies depends on the server's API generation.",
	attrTypes:   onyxAPIKeyTypes,
	attributes: map[string]schema.Attribute{
		"role": schema.StringAttribute{
			MarkdownDescription: "The key's role (Onyx v4.6 only), such as `basic` or `admin`.",
			Optional:            true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"group_ids": optionalComputedSet("Ids of the groups the key's service account belongs to (current Onyx only)."),
	},
	toExtra: func(ctx context.Context, obj types.Object, diags *diag.Diagnostics) platform.Extra {
		var m onyxAPIKeyModel
		if !obj.IsNull() {
			diags.Append(obj.As(ctx, &m, objectAsOptions)...)
		}
		return onyx.APIKeyExtra{Role: m.Role.ValueString(), GroupIDs: optionalStrings(m.GroupIDs)}
	},
	fromExtra: func(ctx context.Context, extra platform.Extra, _ types.Object, diags *diag.Diagnostics) types.Object {
		e, _ := extra.(onyx.APIKeyExtra)
		m := onyxAPIKeyModel{Role: types.StringValue(e.Role), GroupIDs: stringSet(ctx, e.GroupIDs, diags)}
		obj, d := types.ObjectValueFrom(ctx, onyxAPIKeyTypes, m)
		diags.Append(d...)
		return obj
	},
}

func init() {
	registerPlatformAttrs(onyx.Name, platformAttrSet{group: &onyxGroupAttr, user: &onyxUserAttr, apiKey: &onyxAPIKeyAttr})
}
