provider "roster" {
  platform = "tyk_ai_studio"
  endpoint = "https://ai-studio.example.com"
}

# Every active user with an example.com address, across all pages.
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
