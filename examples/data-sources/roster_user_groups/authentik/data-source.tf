provider "roster" {
  platform = "authentik"
  endpoint = "https://auth.example.com"
}

# Every group whose name starts with "team-", across all pages.
data "roster_user_groups" "teams" {
  name_prefix = "team-"
}

output "team_members" {
  value = { for g in data.roster_user_groups.teams.groups : g.name => g.members }
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
