# By the platform's id: a UUID on authentik and Secoda, an integer on Onyx, Unleash and Tyk AI Studio.
terraform import roster_user_group.platform 9b2b6f1e-5c1a-4a7e-9d8e-1f2a3b4c5d6e

# By exact name, on every platform:
terraform import roster_user_group.platform name=platform-team
