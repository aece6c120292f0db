provider "roster" {
  platform = "onyx"
  endpoint = "https://onyx.example.com"
}

# An invitation: Onyx e-mails the address, and the person signs up with their own password or SSO. The
# user's id is the lowercased email. Onyx takes the name from the person's profile, so `name` is left out.
resource "roster_user" "ada" {
  email = "ada@example.com"
}

# Someone who has already signed up, taken over by import (the id is the email). `role` and `active`
# apply only to people who have signed up: an invitation starts as `basic` and cannot be deactivated.
# `role` is `basic` or `admin` on current Onyx; `basic`, `admin` or `global_curator` on Onyx v4.6.
import {
  to = roster_user.grace
  id = "grace@example.com"
}

resource "roster_user" "grace" {
  email = "grace@example.com"
  role  = "admin"
}

output "ada_status" {
  value = roster_user.ada.onyx.status # invited, then active
}
