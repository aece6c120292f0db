provider "roster" {
  platform = "tyk_ai_studio"
  endpoint = "https://ai-studio.example.com"
}

# A Team managed in the UI (Enterprise Edition): Terraform adds one person without touching the others.
data "roster_user_group" "ml" {
  name = "ml-engineers"
}

resource "roster_user" "oncall" {
  email = "oncall@example.com"
  name  = "On-call engineer"
}

resource "roster_user_group_membership" "oncall" {
  group_id = data.roster_user_group.ml.id # numeric
  user_id  = roster_user.oncall.id        # numeric
}
