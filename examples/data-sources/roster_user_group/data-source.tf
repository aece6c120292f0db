data "roster_user_group" "admins" {
  name = "authentik Admins"
}

output "admin_ids" {
  value = data.roster_user_group.admins.members
}
