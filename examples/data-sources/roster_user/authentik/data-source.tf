provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
}

data "roster_user" "ada" {
  email = "ada@example.com"
}

output "ada_id" {
  value = data.roster_user.ada.id
}

output "ada_detail" {
  value = data.roster_user.ada.authentik.username # the username
}
