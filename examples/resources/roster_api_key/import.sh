# By the platform's id (the token identifier on authentik). Most platforms show the secret only once, so `key`
# stays empty for an imported key; on authentik the first refresh reads it.
terraform import roster_api_key.ci ci-deployer

# By name:
terraform import roster_api_key.ci name=ci-deployer
