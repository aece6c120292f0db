data "roster_user" "ada" {
  email = "ada@example.com"
}

output "ada_id" {
  value = data.roster_user.ada.id
}
