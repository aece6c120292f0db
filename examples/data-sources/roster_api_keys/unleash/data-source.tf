provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

# Tokens named ci-*: API tokens, and on Enterprise the tokens of service accounts (user_id filters those by
# their account). Secrets are never listed.
data "roster_api_keys" "ci" {
  name_regex = "^ci-"
}

output "ci_token_names" {
  value = data.roster_api_keys.ci.api_keys[*].name
}
