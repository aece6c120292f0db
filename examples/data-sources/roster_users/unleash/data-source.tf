provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

# Every user with an example.com address (Unleash users are always active).
data "roster_users" "staff" {
  email_regex = "@example\\.com$"
}

output "staff_ids" {
  value = data.roster_users.staff.users[*].id
}

output "staff_roles" {
  value = { for u in data.roster_users.staff.users : u.email => u.role }
}
