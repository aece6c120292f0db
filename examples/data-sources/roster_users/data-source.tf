# Every active user with an example.com address.
data "roster_users" "staff" {
  email_regex = "@example\\.com$"
  active      = true
}

output "staff_ids" {
  value = data.roster_users.staff.users[*].id
}

# The direct members of a group, with their platform settings (here authentik's).
data "roster_user_group" "oncall" {
  name = "oncall"
}

data "roster_users" "oncall" {
  group_id = data.roster_user_group.oncall.id
}

output "oncall_usernames" {
  value = [for u in data.roster_users.oncall.users : u.authentik.username]
}

# On platforms whose users have a username apart from the email (authentik, Unleash).
data "roster_users" "deploy_bot" {
  username = "deploy-bot"
}
