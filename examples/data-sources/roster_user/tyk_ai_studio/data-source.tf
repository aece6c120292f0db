provider "roster" {
  platform = "tyk_ai_studio"
  endpoint = "https://ai-studio.example.com"
}

data "roster_user" "ada" {
  email = "ada@example.com"
}

output "ada_id" {
  value = data.roster_user.ada.id
}

output "ada_detail" {
  value = data.roster_user.ada.tyk_ai_studio.is_admin # whether Ada is an admin
}
