# By email, on every platform (compared case-insensitively). `id` also takes the platform's own id.
import {
  to = roster_user.ada
  id = "email=ada@example.com"
}

resource "roster_user" "ada" {
  email = "ada@example.com"
}
