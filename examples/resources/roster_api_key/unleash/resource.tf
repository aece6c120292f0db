provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

# Unleash API tokens belong to the instance: no `user_id` and no description. Only `expires_at` changes in
# place; a new name, type, environment or projects replaces the token.
resource "roster_api_key" "checkout" {
  name       = "checkout-service"
  expires_at = "2027-06-30T00:00:00Z"

  unleash = {
    type        = "client" # client (also called backend) or frontend
    environment = "production"
    projects    = ["checkout"]
  }
}

output "checkout_token" {
  value     = roster_api_key.checkout.key
  sensitive = true
}
