provider "roster" {
  platform = "onyx"
  endpoint = "https://onyx.example.com"
}

# Onyx's built-in Admin group; members are emails.
data "roster_user_group" "g" {
  name = "Admin"
}

output "member_ids" {
  value = data.roster_user_group.g.members
}

output "setting" {
  value = data.roster_user_group.g.onyx.cc_pair_ids
}
