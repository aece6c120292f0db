provider "roster" {
  platform = "onyx"
  endpoint = "https://onyx.example.com"
}

# A key that lives only for this run: minted when Terraform needs it, revoked when it is done. The secret
# never reaches state or plan files; pass ephemeral.roster_api_key.deploy.key where Terraform accepts
# ephemeral values, such as another provider's configuration or a write-only attribute.
# Onyx gives the key a service-account user of its own: in no group on current Onyx, with the server's
# default role on Onyx v4.6.
ephemeral "roster_api_key" "deploy" {
  name_prefix = "terraform-run"
}
