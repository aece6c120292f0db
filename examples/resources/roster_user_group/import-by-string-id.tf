# By exact name, on every platform. `id` also takes the platform's own id.
import {
  to = roster_user_group.platform
  id = "name=platform-team"
}

resource "roster_user_group" "platform" {
  name = "platform-team"
}
