# By the platform's id (a UUID on authentik):
terraform import roster_user_group.platform 9b2b6f1e-5c1a-4a7e-9d8e-1f2a3b4c5d6e

# By name:
terraform import roster_user_group.platform name=platform-team
