provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
}

# Every active user with an example.com address, across all pages.
data "roster_users" "staff" {
  email_regex = "@example\\.com$"
  active      = true
}

output "staff_ids" {
  value = data.roster_users.staff.users[*].id
}

output "staff_names" {
  value = { for u in data.roster_users.staff.users : u.email => u.name }
}

# The direct members of a group, with their authentik settings.
data "roster_user_group" "oncall" {
  name = "oncall"
}

data "roster_users" "oncall" {
  group_id = data.roster_user_group.oncall.id
}

output "oncall_usernames" {
  value = [for u in data.roster_users.oncall.users : u.authentik.username]
}

# A user by authentik username (authentik and Unleash users have one apart from the email).
data "roster_users" "deploy_bot" {
  username = "deploy-bot"
}
