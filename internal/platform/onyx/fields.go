package onyx

import "github.com/rosterhq/terraform-provider-roster/internal/platform"

// The fields only Onyx has, in its Extra of each type.
var (
	fieldCCPairIDs   = platform.ExtraField(Name, "cc_pair_ids", platform.KindUserGroup)
	fieldCuratorIDs  = platform.ExtraField(Name, "curator_ids", platform.KindUserGroup)
	fieldPermissions = platform.ExtraField(Name, "permissions", platform.KindUserGroup)
	fieldIncognito   = platform.ExtraField(Name, "incognito_enabled", platform.KindUserGroup)
	fieldKeyRole     = platform.ExtraField(Name, "role", platform.KindAPIKey)
	fieldGroupIDs    = platform.ExtraField(Name, "group_ids", platform.KindAPIKey)
)
