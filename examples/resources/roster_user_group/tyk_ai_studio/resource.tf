provider "roster" {
  platform = "tyk_ai_studio"
  endpoint = "https://ai-studio.example.com"
}

# Groups (Teams) need Tyk AI Studio Enterprise Edition.
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}

resource "roster_user_group" "ml" {
  name    = "ml-engineers"
  members = [roster_user.ada.id] # numeric user ids

  tyk_ai_studio = {
    catalogue_ids      = ["1"] # LLM catalogues
    data_catalogue_ids = ["2"]
  }
}
