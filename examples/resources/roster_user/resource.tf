resource "roster_user" "ada" {
  email  = "ada@example.com"
  name   = "Ada Lovelace"
  active = true

  # Write-only: sent on create and whenever the version changes, never stored in state.
  password_wo         = var.initial_password
  password_wo_version = 1

  authentik = {
    username = "ada"
    path     = "users/engineering"
  }
}

variable "initial_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
