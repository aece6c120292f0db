provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
  role  = "Editor" # Admin, Editor, Viewer (spelled so) or a custom root role's id; Viewer when omitted

  # Write-only: sent on create and whenever the version changes, never stored in state.
  password_wo         = var.initial_password
  password_wo_version = 1

  unleash = {
    username   = "ada"
    send_email = false # the welcome e-mail, on create only
  }
}

# A service account (Unleash Enterprise): no email and no password; it authenticates with tokens.
resource "roster_user" "ci" {
  service_account = true
  name            = "CI deployer"
  role            = "Editor"
  unleash = {
    username = "ci-bot"
  }
}

variable "initial_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
