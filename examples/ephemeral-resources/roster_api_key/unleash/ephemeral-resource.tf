provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

# A key that lives only for this run: minted when Terraform needs it, revoked when it is done. The secret
# never reaches state or plan files; pass ephemeral.roster_api_key.deploy.key where Terraform accepts
# ephemeral values, such as another provider's configuration or a write-only attribute.
# A client (backend) token for every project in `development`, the environment Unleash gives a token
# that names none.
ephemeral "roster_api_key" "deploy" {
  name_prefix = "terraform-run"
}
