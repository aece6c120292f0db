provider "roster" {
  platform = "secoda"
  endpoint = "https://api.secoda.co"
}

# A group synced by SAML or SCIM: Terraform adds one person without touching the others.
data "roster_user_group" "engineering" {
  name = "Engineering"
}

resource "roster_user" "oncall" {
  email = "oncall@example.com"
  name  = "On-call engineer"
  role  = "viewer"
}

resource "roster_user_group_membership" "oncall" {
  group_id = data.roster_user_group.engineering.id # a UUID
  user_id  = roster_user.oncall.id                 # a UUID
}
