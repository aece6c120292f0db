#!/usr/bin/env bash
# make demo: build the provider and roster-mock, serve a mock authentik on 127.0.0.1, apply examples/demo,
# change a group behind Terraform's back, show the drift with `terraform plan -detailed-exitcode`, destroy,
# and stop the mock. Nothing outside a temporary directory is touched.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/roster-demo.XXXXXX")
mock_pid=""
cleanup() {
  if [[ -n "$mock_pid" ]] && kill -0 "$mock_pid" 2>/dev/null; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

command -v terraform >/dev/null || { echo "terraform (>= 1.11) must be on PATH"; exit 1; }
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

step "Building the provider and roster-mock"
(cd "$root" && go build -o "$work/bin/terraform-provider-roster" . && go build -o "$work/bin/roster-mock" ./internal/cmd/roster-mock)

token="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
step "Starting a mock authentik on 127.0.0.1"
"$work/bin/roster-mock" -platform authentik -listen 127.0.0.1:0 -token "$token" >"$work/mock.out" 2>"$work/mock.log" &
mock_pid=$!
for _ in $(seq 1 50); do
  endpoint=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/mock.out" 2>/dev/null | head -n1 || true)
  [[ -n "$endpoint" ]] && break
  sleep 0.1
done
[[ -n "${endpoint:-}" ]] || { echo "roster-mock did not start:"; cat "$work/mock.log"; exit 1; }
echo "authentik API at $endpoint/api/v3/"

# Use the local build instead of the registry, for this run only.
cat >"$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "rosterhq/roster" = "$work/bin"
  }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE="$work/dev.tfrc"
export TF_VAR_authentik_endpoint="$endpoint" TF_VAR_authentik_token="$token"
cp -r "$root/examples/demo" "$work/stack"
# Terraform warns about dev_overrides on every command; drop that block so the demo reads cleanly.
without_override_warning() {
  awk '/Provider development overrides are in effect/ {skip=1} skip && /releases\./ {skip=0; next} !skip' |
    grep -v -e '^[│╷╵ ]*$' -e '^│ *Warning:'
}
tf() { terraform -chdir="$work/stack" "$@" 2>&1 | without_override_warning; return "${PIPESTATUS[0]}"; }

step "terraform apply: two users, a service account, a group and an API key"
tf apply -auto-approve -no-color | grep -v '^$'

group_id=$(terraform -chdir="$work/stack" output -raw platform_group_id 2>/dev/null)
step "Someone renames the group and removes a member in the authentik UI"
curl -fsS -X PATCH "$endpoint/api/v3/core/groups/$group_id/" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name": "platform-team-renamed", "users": []}' | jq -c '{name, users}'

step "terraform plan -detailed-exitcode: the scheduled drift check"
set +e
tf plan -detailed-exitcode -no-color >"$work/plan.txt"
code=$?
grep -E '^\s+[~+-]|Plan:|will be updated' "$work/plan.txt"
set -e
if [[ $code -ne 2 ]]; then
  echo "expected exit code 2 (drift detected), got $code"; exit 1
fi
echo "exit code 2: drift detected"

step "terraform apply puts it back"
tf apply -auto-approve -no-color | grep -E 'Apply complete|Modifying|Modifications complete'
tf plan -detailed-exitcode -no-color >/dev/null && echo "plan is clean again (exit code 0)"

step "terraform destroy"
tf destroy -auto-approve -no-color | grep -E 'Destroy complete|Destroying'

requests=$(curl -fsS "$endpoint/__mock/requests" | jq .count)
step "Done: the mock served $requests API requests; stopping it"
