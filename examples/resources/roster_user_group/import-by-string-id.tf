import {
  to = roster_user_group.platform
  id = "name=platform-team"
}
