# By the platform's id: the token identifier (its name) on authentik, the integer key id on Onyx, the
# token's id as roster shows it on Unleash, the user's id on Tyk AI Studio. Most platforms show the secret only
# once, so `key` stays empty for an imported key; on authentik the first refresh reads it.
terraform import roster_api_key.ci ci-deployer

# By name, on authentik, Onyx and Unleash (Tyk AI Studio does not store key names):
terraform import roster_api_key.ci name=ci-deployer
