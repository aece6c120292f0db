provider "roster" {
  platform = "unleash"
  endpoint = "https://unleash.example.com"
}

# Groups need Unleash Enterprise.
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}

resource "roster_user_group" "flag_owners" {
  name        = "flag-owners"
  description = "Owners of the checkout flags"
  members     = [roster_user.ada.id] # numeric user ids

  unleash = {
    root_role = "Editor"
    # This group's roles per project; other groups keep their own access there.
    project_roles = {
      default  = ["Owner"]
      checkout = ["Member", "Reader"]
    }
  }
}

# A group filled by SSO sync: leave `members` out so Terraform does not fight the sync.
resource "roster_user_group" "sso_viewers" {
  name = "sso-viewers"
  unleash = {
    root_role    = "Viewer"
    sso_mappings = ["engineering"]
  }
}
