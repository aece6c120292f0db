resource "roster_user" "ci" {
  email = "ci-bot@example.com"
  name  = "CI deployer"
  authentik = {
    username = "ci-bot"
    type     = "service_account"
  }
}

resource "roster_api_key" "ci" {
  name        = "ci-deployer"
  user_id     = roster_user.ci.id
  description = "Used by the deploy pipeline"

  # Change a value to replace the key with a new secret.
  rotation_triggers = {
    rotated = "2026-q4"
  }
}

# The secret is sensitive; pass it on without printing it.
output "ci_key" {
  value     = roster_api_key.ci.key
  sensitive = true
}
