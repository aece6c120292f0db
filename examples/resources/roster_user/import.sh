# By the platform's id (the integer pk on authentik):
terraform import roster_user.ada 42

# By email address (case-insensitive):
terraform import roster_user.ada email=ada@example.com
