provider "roster" {
  platform = "onyx"
  endpoint = "https://onyx.example.com"
}

data "roster_user" "ada" {
  id = "ada@example.com" # on Onyx the id is the lowercased email
}

output "ada_id" {
  value = data.roster_user.ada.id
}

output "ada_detail" {
  value = data.roster_user.ada.onyx.status # invited, active or deactivated
}
