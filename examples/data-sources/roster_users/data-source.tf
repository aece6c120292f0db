# Every active user with an example.com address.
data "roster_users" "staff" {
  email_regex = "@example\\.com$"
  active      = true
}

output "staff_ids" {
  value = data.roster_users.staff.users[*].id
}
