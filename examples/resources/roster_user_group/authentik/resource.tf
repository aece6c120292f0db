provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
}

resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}

# Membership is authoritative when `members` is set: members added elsewhere show as drift.
resource "roster_user_group" "platform" {
  name    = "platform-team"
  members = [roster_user.ada.id] # user pks

  authentik = {
    is_superuser = false
    parents      = [roster_user_group.engineering.id] # group UUIDs
    attributes   = jsonencode({ oncall = "weekly" })
  }
}

# Without `members`, Terraform manages the group but not who is in it (for groups synced from SSO).
resource "roster_user_group" "engineering" {
  name = "engineering"
}
