provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
}

# Tokens named ci-*, and those among them that expire within 30 days. Secrets are never listed.
data "roster_api_keys" "ci" {
  name_regex = "^ci-"
}

locals {
  soon = timeadd(plantimestamp(), "720h")
}

output "ci_tokens_expiring_soon" {
  value = [
    for k in data.roster_api_keys.ci.api_keys : k.name
    if k.expires_at != null && timecmp(k.expires_at, local.soon) < 0
  ]
}

# The tokens of one user.
data "roster_user" "deployer" {
  email = "deployer@example.com"
}

data "roster_api_keys" "deployer" {
  user_id = data.roster_user.deployer.id
}

output "deployer_token_ids" {
  value = data.roster_api_keys.deployer.api_keys[*].id
}
