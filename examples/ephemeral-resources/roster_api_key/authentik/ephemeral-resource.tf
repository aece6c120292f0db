provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
}

# A key that lives only for this run: minted when Terraform needs it, revoked when it is done. The secret
# never reaches state or plan files; pass ephemeral.roster_api_key.deploy.key where Terraform accepts
# ephemeral values, such as another provider's configuration or a write-only attribute.
ephemeral "roster_api_key" "deploy" {
  name_prefix = "terraform-run"
  user_id     = var.deployer_id # an integer pk; defaults to the user of the provider's token
  description = "Short-lived key for one deploy"
}

variable "deployer_id" {
  type = string
}
