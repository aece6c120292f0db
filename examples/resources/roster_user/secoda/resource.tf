provider "roster" {
  platform = "secoda"
  endpoint = "https://api.secoda.co"
}

# An invitation: the person becomes a member when they first sign in.
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace" # first_name "Ada", last_name "Lovelace"
  role  = "editor"       # admin, editor, viewer or guest
}

# Guests must belong to at least one team.
resource "roster_user" "auditor" {
  email = "auditor@example.com"
  name  = "External Auditor"
  role  = "guest"
  secoda = {
    teams = ["0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10"]
  }
}
