# By name on authentik, Onyx and Unleash; on Tyk AI Studio by the id of the key's user. The secret cannot be
# imported: platforms show it only once, so `key` stays empty for an imported key.
import {
  to = roster_api_key.ci
  id = "name=ci-deployer"
}

resource "roster_api_key" "ci" {
  name = "ci-deployer"
}
