# By the platform's id: the integer pk on authentik, the lowercased email on Onyx, the numeric id on Unleash
# and Tyk AI Studio, the UUID on Secoda.
terraform import roster_user.ada 42

# By email address (case-insensitive), on every platform:
terraform import roster_user.ada email=ada@example.com
