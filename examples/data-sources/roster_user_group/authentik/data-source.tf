provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
}

# authentik's built-in admin group; members are user pks.
data "roster_user_group" "g" {
  name = "authentik Admins"
}

output "member_ids" {
  value = data.roster_user_group.g.members
}

output "setting" {
  value = data.roster_user_group.g.authentik.is_superuser
}
