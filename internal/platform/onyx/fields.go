package onyx

// Terraform attribute names that error messages point at. Fields of the `onyx` block are dotted.
const (
	attrName        = "name"
	attrDescription = "description"
	attrMembers     = "members"
	attrEmail       = "email"
	attrRole        = "role"
	attrActive      = "active"
	attrPassword    = "password_wo"
	attrUserID      = "user_id"
	attrExpiresAt   = "expires_at"

	attrCCPairIDs  = "onyx.cc_pair_ids"
	attrCuratorIDs = "onyx.curator_ids"
	attrKeyRole    = "onyx.role"
	attrGroupIDs   = "onyx.group_ids"
)
