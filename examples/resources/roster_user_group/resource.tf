resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}

# Membership is authoritative when `members` is set: members added elsewhere show as drift.
resource "roster_user_group" "platform" {
  name    = "platform-team"
  members = [roster_user.ada.id]

  authentik = {
    is_superuser = false
    attributes   = jsonencode({ oncall = "weekly" })
  }
}

# Without `members`, Terraform manages the group but not who is in it (for groups synced from SSO).
resource "roster_user_group" "sso" {
  name = "sso-engineering"
}
