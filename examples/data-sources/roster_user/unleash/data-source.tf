provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

data "roster_user" "ada" {
  email = "ada@example.com"
}

output "ada_id" {
  value = data.roster_user.ada.id
}

output "ada_detail" {
  value = data.roster_user.ada.unleash.username # the username
}
