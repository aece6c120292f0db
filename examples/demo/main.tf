# The `make demo` stack: an authentik instance (the roster-mock server) with two people, a team that
# holds them, and a CI key for a service account.

terraform {
  required_providers {
    roster = {
      source = "rosterhq/roster"
    }
  }
}

variable "authentik_endpoint" {
  type        = string
  description = "Root URL of the authentik server, such as https://auth.example.com."
}

variable "authentik_token" {
  type        = string
  sensitive   = true
  description = "An authentik API token with rights to manage users, groups and tokens."
}

provider "roster" {
  platform = "authentik"
  endpoint = var.authentik_endpoint
  token    = var.authentik_token
}

resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
  authentik = {
    username = "ada"
  }
}

resource "roster_user" "grace" {
  email = "grace@example.com"
  name  = "Grace Hopper"
  authentik = {
    username = "grace"
  }
}

resource "roster_user" "ci" {
  email = "ci-bot@example.com"
  name  = "CI deployer"
  authentik = {
    username = "ci-bot"
    type     = "service_account"
  }
}

resource "roster_user_group" "platform" {
  name    = "platform-team"
  members = [roster_user.ada.id, roster_user.grace.id]
  authentik = {
    attributes = jsonencode({ oncall = "weekly" })
  }
}

resource "roster_api_key" "ci" {
  name        = "ci-deployer"
  user_id     = roster_user.ci.id
  description = "Used by the deploy pipeline"
}

output "platform_group_id" {
  value = roster_user_group.platform.id
}

output "ci_key_id" {
  value = roster_api_key.ci.id
}

# The same people on Secoda, through a second provider configuration. Secoda users are invitations until
# the person signs in; Secoda has no API-key endpoints.

variable "secoda_endpoint" {
  type        = string
  description = "Root URL of the Secoda API, such as https://api.secoda.co."
}

variable "secoda_token" {
  type        = string
  sensitive   = true
  description = "A Secoda API key (Settings -> API)."
}

provider "roster" {
  alias             = "secoda"
  platform          = "secoda"
  endpoint          = var.secoda_endpoint
  token             = var.secoda_token
  writes_per_minute = 30
}

resource "roster_user" "ada_secoda" {
  provider = roster.secoda
  email    = "ada@example.com"
  name     = "Ada Lovelace"
  role     = "editor"
}

resource "roster_user_group" "analytics" {
  provider    = roster.secoda
  name        = "analytics"
  description = "Dashboards and data quality"
  members     = [roster_user.ada_secoda.id]
  secoda      = { icon = "📊" }
}
