provider "roster" {
  platform = "onyx"
  endpoint = "https://onyx.example.com"
}

# Keys named ci-*. Onyx keys belong to service accounts of their own, so there is no user_id filter; secrets
# are never listed.
data "roster_api_keys" "ci" {
  name_regex = "^ci-"
}

output "ci_key_ids" {
  value = data.roster_api_keys.ci.api_keys[*].id
}
