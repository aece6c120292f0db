# <group_id>/<user_id>, each as the platform writes it (here authentik: a group UUID and a user pk).
import {
  to = roster_user_group_membership.oncall_admin
  id = "9b2b6f1e-5c1a-4a7e-9d8e-1f2a3b4c5d6e/42"
}

resource "roster_user_group_membership" "oncall_admin" {
  group_id = "9b2b6f1e-5c1a-4a7e-9d8e-1f2a3b4c5d6e"
  user_id  = "42"
}
