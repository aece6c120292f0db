provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

# Tokens named ci-*. Unleash tokens belong to the instance, so there is no user_id filter; secrets are never
# listed.
data "roster_api_keys" "ci" {
  name_regex = "^ci-"
}

output "ci_token_names" {
  value = data.roster_api_keys.ci.api_keys[*].name
}
