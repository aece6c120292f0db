provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

# A group synced from SSO (Unleash Enterprise): Terraform adds one person without touching the others.
data "roster_user_group" "viewers" {
  name = "sso-viewers"
}

resource "roster_user" "oncall" {
  email = "oncall@example.com"
  name  = "On-call engineer"
}

resource "roster_user_group_membership" "oncall_viewer" {
  group_id = data.roster_user_group.viewers.id # numeric
  user_id  = roster_user.oncall.id             # numeric
}
