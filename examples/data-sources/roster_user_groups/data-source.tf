# Every group whose name starts with "team-", across all pages.
data "roster_user_groups" "teams" {
  name_prefix = "team-"
}

output "team_names" {
  value = data.roster_user_groups.teams.groups[*].name
}

# The groups one person is a direct member of.
data "roster_user" "ada" {
  email = "ada@example.com"
}

data "roster_user_groups" "of_ada" {
  member_id = data.roster_user.ada.id
}

output "ada_groups" {
  value = data.roster_user_groups.of_ada.groups[*].name
}
