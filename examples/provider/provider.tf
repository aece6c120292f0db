# One provider block per platform instance. The token can also come from ROSTER_TOKEN (or AUTHENTIK_TOKEN).
provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
  token    = var.authentik_token

  max_retries     = 4
  request_timeout = "30s"
}

variable "authentik_token" {
  type      = string
  sensitive = true
}
