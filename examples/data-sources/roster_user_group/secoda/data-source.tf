provider "roster" {
  platform = "secoda"
  endpoint = "https://api.secoda.co"
}

# Members are user UUIDs.
data "roster_user_group" "g" {
  name = "analytics"
}

output "member_ids" {
  value = data.roster_user_group.g.members
}

output "setting" {
  value = data.roster_user_group.g.secoda.icon
}
