provider "roster" {
  platform = "tyk_ai_studio"
  endpoint = "https://ai-studio.example.com"
}

# A Tyk AI Studio key is one user's current key: `user_id` is required, and creating the resource rolls
# that user's key. There is no description and no expiry; the name is not stored by Tyk AI Studio.
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
  tyk_ai_studio = {
    show_portal    = true
    email_verified = true
  }
}

resource "roster_api_key" "ada" {
  name    = "ada-portal"
  user_id = roster_user.ada.id # also the key's id

  # Change a value to roll the key.
  rotation_triggers = {
    rotated = "2026-q4"
  }
}

output "ada_key" {
  value     = roster_api_key.ada.key
  sensitive = true
}
