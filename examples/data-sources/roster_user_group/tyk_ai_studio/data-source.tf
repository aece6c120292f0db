provider "roster" {
  platform = "tyk_ai_studio"
  endpoint = "https://ai-studio.example.com"
}

# The built-in Default group, which every new user joins; members are numeric user ids.
data "roster_user_group" "g" {
  name = "Default"
}

output "member_ids" {
  value = data.roster_user_group.g.members
}

output "setting" {
  value = data.roster_user_group.g.tyk_ai_studio.catalogue_ids
}
