provider "roster" {
  platform = "secoda"
  endpoint = "https://api.secoda.co"
}

resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
  role  = "editor"
}

resource "roster_user_group" "analytics" {
  name        = "analytics"
  description = "Dashboards and data quality"
  members     = [roster_user.ada.id] # user UUIDs
  secoda      = { icon = "📊" }
}
