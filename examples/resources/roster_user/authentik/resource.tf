provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
}

resource "roster_user" "ada" {
  email  = "ada@example.com"
  name   = "Ada Lovelace"
  active = true

  # Write-only: sent on create and whenever the version changes, never stored in state.
  password_wo         = var.initial_password
  password_wo_version = 1

  authentik = {
    username   = "ada"
    path       = "users/engineering"
    attributes = jsonencode({ team = "platform" })
  }
}

# A service account, for automation that needs an API key of its own.
resource "roster_user" "ci" {
  service_account = true # authentik user type service_account; no email needed
  name            = "CI deployer"
  authentik = {
    username = "ci-bot"
  }
}

variable "initial_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
