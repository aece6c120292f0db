provider "roster" {
  platform = "secoda"
  endpoint = "https://api.secoda.co"
}

data "roster_user" "ada" {
  email = "ada@example.com"
}

output "ada_id" {
  value = data.roster_user.ada.id
}

output "ada_detail" {
  value = data.roster_user.ada.secoda.pending # true until the invitation is accepted
}
