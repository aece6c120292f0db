# <group_id>/<user_id>:
terraform import roster_user_group_membership.oncall_admin 9b2b6f1e-5c1a-4a7e-9d8e-1f2a3b4c5d6e/42
