import {
  to = roster_user.ada
  id = "email=ada@example.com"
}
