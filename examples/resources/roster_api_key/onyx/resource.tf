provider "roster" {
  platform = "onyx"
  endpoint = "https://onyx.example.com"
}

# Each Onyx API key gets a service-account user of its own: there is no `user_id`, no description and no
# expiry. On current Onyx the key's rights come from its groups; on Onyx v4.6 from its role instead
# (`onyx = { role = "basic" }`).
resource "roster_api_key" "support_bot" {
  name = "support-bot"
  onyx = {
    group_ids = [roster_user_group.support.id]
  }

  # Change a value to replace the key with a new secret.
  rotation_triggers = {
    rotated = "2026-q4"
  }
}

resource "roster_user_group" "support" {
  name = "support"
}

output "support_bot_key" {
  value     = roster_api_key.support_bot.key
  sensitive = true
}
