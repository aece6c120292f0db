# Every group whose name starts with "team-", across all pages.
data "roster_user_groups" "teams" {
  name_prefix = "team-"
}

output "team_names" {
  value = data.roster_user_groups.teams.groups[*].name
}
