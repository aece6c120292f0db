# <group_id>/<user_id>: on authentik a group UUID and a user pk, on Onyx a group id and an email
# (7/ada@example.com), on Unleash and Tyk AI Studio two numbers (3/12), on Secoda two UUIDs.
terraform import roster_user_group_membership.oncall_admin 9b2b6f1e-5c1a-4a7e-9d8e-1f2a3b4c5d6e/42
