provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

# An API token belongs to the instance (no `user_id`) and has no description. Only `expires_at` changes in
# place; a new name, type, environment or projects replaces the token.
resource "roster_api_key" "checkout" {
  name       = "checkout-service"
  expires_at = "2027-06-30T00:00:00Z"

  unleash = {
    type        = "client" # client (also called backend) or frontend
    environment = "production"
    projects    = ["checkout"]
  }
}

# A token of a service account (Unleash Enterprise): `user_id` names a roster_user with
# service_account = true. It acts with the account's role; `name` is the token's description in Unleash,
# `expires_at` is required, and nothing changes in place (a new name or rotation replaces it).
resource "roster_user" "ci" {
  service_account = true
  name            = "CI deployer"
  role            = "Editor"
  unleash = {
    username = "ci-bot"
  }
}

resource "roster_api_key" "ci" {
  name       = "deploy-pipeline"
  user_id    = roster_user.ci.id
  expires_at = "2027-06-30T00:00:00Z"

  rotation_triggers = {
    rotated = "2026-q4"
  }
}

output "checkout_token" {
  value     = roster_api_key.checkout.key
  sensitive = true
}
