provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
}

# A group whose members come from elsewhere: Terraform adds one person without touching the others.
data "roster_user_group" "admins" {
  name = "authentik Admins"
}

resource "roster_user" "oncall" {
  email = "oncall@example.com"
  name  = "On-call engineer"
}

resource "roster_user_group_membership" "oncall_admin" {
  group_id = data.roster_user_group.admins.id # a UUID
  user_id  = roster_user.oncall.id            # an integer pk
}
