import {
  to = roster_api_key.ci
  id = "name=ci-deployer"
}
