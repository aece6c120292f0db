provider "roster" {
  platform = "tyk_ai_studio"
  endpoint = "https://ai-studio.example.com"
}

resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace" # required on Tyk AI Studio

  # Set once, when the user is created: Tyk AI Studio ignores a password on update.
  password_wo         = var.initial_password
  password_wo_version = 1

  # The role is read-only: Tyk AI Studio derives it from these flags (Developer with show_portal).
  tyk_ai_studio = {
    show_chat      = true
    show_portal    = true
    email_verified = true
  }
}

output "ada_role" {
  value = roster_user.ada.role
}

variable "initial_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
