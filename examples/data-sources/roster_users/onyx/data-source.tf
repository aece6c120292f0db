provider "roster" {
  platform = "onyx"
  endpoint = "https://onyx.example.com"
}

# Every active user with an example.com address (pending invitations included; API keys' service accounts are not listed).
data "roster_users" "staff" {
  email_regex = "@example\\.com$"
  active      = true
}

output "staff_ids" {
  value = data.roster_users.staff.users[*].id
}

output "staff_roles" {
  value = { for u in data.roster_users.staff.users : u.email => u.role }
}
