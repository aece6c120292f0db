# By the platform's id (the token identifier on authentik). The secret cannot be imported: platforms show it
# only once, so `key` stays empty for an imported key.
terraform import roster_api_key.ci ci-deployer

# By name:
terraform import roster_api_key.ci name=ci-deployer
