provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

# Every group whose name starts with "team-", across all pages.
data "roster_user_groups" "teams" {
  name_prefix = "team-"
}

output "team_members" {
  value = { for g in data.roster_user_groups.teams.groups : g.name => g.members }
}
