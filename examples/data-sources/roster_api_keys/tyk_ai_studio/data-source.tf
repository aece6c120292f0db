provider "roster" {
  platform = "tyk_ai_studio"
  endpoint = "https://ai-studio.example.com"
}

# A Tyk AI Studio user has one key; its id is the user's id. Secrets are never listed.
data "roster_user" "deployer" {
  email = "deployer@example.com"
}

data "roster_api_keys" "deployer" {
  user_id = data.roster_user.deployer.id
}

output "deployer_has_a_key" {
  value = length(data.roster_api_keys.deployer.api_keys) > 0
}
