provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
}

resource "roster_user" "ci" {
  service_account = true # authentik user type service_account; no email needed
  name            = "CI deployer"
  authentik = {
    username = "ci-bot"
  }
}

# An `api` token: authentik sets its expiry itself on every write.
resource "roster_api_key" "ci" {
  name        = "ci-deployer" # the token identifier, also its id
  user_id     = roster_user.ci.id
  description = "Used by the deploy pipeline"

  # Change a value to replace the key with a new secret.
  rotation_triggers = {
    rotated = "2026-q4"
  }
}

# An app password with an expiry of your choice.
resource "roster_api_key" "ci_app_password" {
  name       = "ci-deployer-app-password"
  user_id    = roster_user.ci.id
  expires_at = "2027-06-30T00:00:00Z"
  authentik = {
    intent = "app_password"
  }
}

# The secret is sensitive; pass it on without printing it.
output "ci_key" {
  value     = roster_api_key.ci.key
  sensitive = true
}
