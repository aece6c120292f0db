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
  service_account = true # authentik user type service_account; no email needed
  name            = "CI deployer"
  authentik = {
    username = "ci-bot"
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

# Unleash: a developer, an SDK token and an Enterprise group.

variable "unleash_endpoint" {
  type        = string
  description = "Root URL of the Unleash server."
}

variable "unleash_token" {
  type        = string
  sensitive   = true
  description = "An Unleash admin API token."
}

provider "roster" {
  alias    = "unleash"
  platform = "unleash"
  endpoint = var.unleash_endpoint
  token    = var.unleash_token
}

resource "roster_user" "ada_unleash" {
  provider = roster.unleash
  email    = "ada@example.com"
  name     = "Ada Lovelace"
  role     = "Editor"
}

resource "roster_user_group" "flag_owners" {
  provider = roster.unleash
  name     = "flag-owners"
  members  = [roster_user.ada_unleash.id]
  unleash  = { root_role = "Editor" }
}

resource "roster_api_key" "backend_sdk" {
  provider = roster.unleash
  name     = "checkout-service"
  unleash = {
    type        = "client"
    environment = "production"
  }
}

# Tyk AI Studio: a user with portal access, her API key, and a team with an LLM catalogue.

variable "tyk_endpoint" {
  type        = string
  description = "Root URL of Tyk AI Studio."
}

variable "tyk_token" {
  type        = string
  sensitive   = true
  description = "API key of a Tyk AI Studio admin."
}

provider "roster" {
  alias    = "tyk"
  platform = "tyk_ai_studio"
  endpoint = var.tyk_endpoint
  token    = var.tyk_token
}

resource "roster_user" "ada_tyk" {
  provider = roster.tyk
  email    = "ada@example.com"
  name     = "Ada Lovelace"
  tyk_ai_studio = {
    show_portal    = true
    email_verified = true
  }
}

resource "roster_api_key" "ada_tyk" {
  provider = roster.tyk
  name     = "ada-portal"
  user_id  = roster_user.ada_tyk.id
}

resource "roster_user_group" "ml" {
  provider      = roster.tyk
  name          = "ml-engineers"
  members       = [roster_user.ada_tyk.id]
  tyk_ai_studio = { catalogue_ids = ["1"] }
}

# Onyx: an invitation, a group of two people who already signed up, and an API key.

variable "onyx_endpoint" {
  type        = string
  description = "Root URL of the Onyx server."
}

variable "onyx_token" {
  type        = string
  sensitive   = true
  description = "An Onyx admin API key."
}

provider "roster" {
  alias    = "onyx"
  platform = "onyx"
  endpoint = var.onyx_endpoint
  token    = var.onyx_token
}

resource "roster_user" "newcomer_onyx" {
  provider = roster.onyx
  email    = "newcomer@example.com"
}

resource "roster_user_group" "support" {
  provider = roster.onyx
  name     = "support"
  members  = ["ada@example.com", "grace@example.com"]
  onyx = {
    cc_pair_ids = ["1"]
    curator_ids = ["ada@example.com"]
  }
}

resource "roster_api_key" "support_bot" {
  provider = roster.onyx
  name     = "support-bot"
  onyx     = { role = "basic" }
}
