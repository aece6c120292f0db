provider "roster" {
  platform = "onyx"
  endpoint = "https://onyx.example.com"
}

# Members are named by email and must have signed up; curators (v4.6) or managers (current) must be members.
resource "roster_user_group" "support" {
  name    = "support"
  members = ["ada@example.com", "grace@example.com"]

  onyx = {
    cc_pair_ids = ["1", "2"] # connector-credential pairs whose documents the group may search
    curator_ids = ["ada@example.com"]

    # What the group grants besides basic, which every group has; both API generations know these two.
    permissions       = ["manage:connectors", "read:query_history"]
    incognito_enabled = true # members may chat incognito when Onyx limits that to groups
  }
}
