provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

# Groups need Unleash Enterprise; members are numeric user ids.
data "roster_user_group" "g" {
  name = "flag-owners"
}

output "member_ids" {
  value = data.roster_user_group.g.members
}

output "setting" {
  value = data.roster_user_group.g.unleash.root_role
}
