provider "roster" {
  platform = "onyx"
  endpoint = "https://onyx.example.com"
}

# Onyx's built-in Admin group: add one person who has signed up, without managing the other members.
data "roster_user_group" "admins" {
  name = "Admin"
}

resource "roster_user_group_membership" "ada_admin" {
  group_id = data.roster_user_group.admins.id # an integer
  user_id  = "ada@example.com"                # the lowercased email
}
