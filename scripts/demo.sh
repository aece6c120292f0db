#!/usr/bin/env bash
# make demo: build the provider and roster-mock, serve mock platform APIs on 127.0.0.1, apply examples/demo,
# change a group behind Terraform's back, show the drift with `terraform plan -detailed-exitcode`, destroy,
# and stop the mock. Nothing outside a temporary directory is touched.
#
# ROSTER_DEMO_CLI=tofu runs it on OpenTofu, the version scripts/tofu.sh pins (built on first use, about 7
# minutes on 2 cores); the default is the terraform on PATH.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/roster-demo.XXXXXX")
mock_pids=()
cleanup() {
  for pid in "${mock_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

case "${ROSTER_DEMO_CLI:-terraform}" in
terraform)
  command -v terraform >/dev/null || { echo "terraform (>= 1.11) must be on PATH"; exit 1; }
  cli=$(command -v terraform) ;;
tofu) cli=$("$root/scripts/tofu.sh" --path) ;;
*) echo "ROSTER_DEMO_CLI must be terraform or tofu, not ${ROSTER_DEMO_CLI}"; exit 1 ;;
esac
cli_name=${ROSTER_DEMO_CLI:-terraform}
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
# An empty CLI configuration: OpenTofu prints its warning about a missing TF_CLI_CONFIG_FILE on stdout.
step "Using $(TF_CLI_CONFIG_FILE=/dev/null "$cli" version | sed -n 1p) ($cli)"

step "Building the provider and roster-mock"
(cd "$root" && go build -o "$work/bin/terraform-provider-roster" . && go build -o "$work/bin/roster-mock" ./internal/cmd/roster-mock)

token="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
mock_pids=()
# start_mock NAME VAR: serves a mock NAME on a free loopback port and sets VAR to its URL. It runs in this
# shell, not in a $(...) subshell, so that the pid it records is there for cleanup to stop.
start_mock() {
  "$work/bin/roster-mock" -platform "$1" -listen 127.0.0.1:0 -token "$token" >"$work/$1.out" 2>"$work/$1.log" &
  mock_pids+=("$!")
  local url=""
  for _ in $(seq 1 50); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/$1.out" 2>/dev/null | head -n1 || true)
    [[ -n "$url" ]] && break
    sleep 0.1
  done
  [[ -n "$url" ]] || { echo "roster-mock -platform $1 did not start:" >&2; cat "$work/$1.log" >&2; exit 1; }
  printf -v "$2" '%s' "$url"
}
step "Starting mock authentik, Secoda, Unleash, Tyk AI Studio and Onyx APIs on 127.0.0.1"
start_mock authentik endpoint
start_mock secoda secoda_endpoint
start_mock unleash unleash_endpoint
start_mock tyk_ai_studio tyk_endpoint
start_mock onyx onyx_endpoint
echo "authentik $endpoint/api/v3/  Secoda $secoda_endpoint/api/v1/  Unleash $unleash_endpoint/api/admin/  Tyk AI Studio $tyk_endpoint/api/v1/  Onyx $onyx_endpoint/api/"

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
export TF_VAR_secoda_endpoint="$secoda_endpoint" TF_VAR_secoda_token="$token"
export TF_VAR_unleash_endpoint="$unleash_endpoint" TF_VAR_unleash_token="$token"
export TF_VAR_tyk_endpoint="$tyk_endpoint" TF_VAR_tyk_token="$token"
export TF_VAR_onyx_endpoint="$onyx_endpoint" TF_VAR_onyx_token="$token"
cp -r "$root/examples/demo" "$work/stack"
# Terraform and OpenTofu warn about dev_overrides on every command; drop that block so the demo reads cleanly.
without_override_warning() {
  awk '/Provider development overrides are in effect/ {skip=1} skip && /releases\./ {skip=0; next} !skip' |
    grep -v -e '^[│╷╵ ]*$' -e '^│ *Warning:'
}
tf() { "$cli" -chdir="$work/stack" "$@" 2>&1 | without_override_warning; return "${PIPESTATUS[0]}"; }

step "$cli_name apply: users, groups and API keys on five platforms"
tf apply -auto-approve -no-color | grep -v '^$'

group_id=$("$cli" -chdir="$work/stack" output -raw platform_group_id 2>/dev/null)
step "Someone renames the group and removes a member in the authentik UI"
curl -fsS -X PATCH "$endpoint/api/v3/core/groups/$group_id/" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name": "platform-team-renamed", "users": []}' | jq -c '{name, users}'

step "$cli_name plan -detailed-exitcode: the scheduled drift check"
set +e
tf plan -detailed-exitcode -no-color >"$work/plan.txt"
code=$?
grep -E '^\s+[~+-]|Plan:|will be updated' "$work/plan.txt"
set -e
if [[ $code -ne 2 ]]; then
  echo "expected exit code 2 (drift detected), got $code"; exit 1
fi
echo "exit code 2: drift detected"

step "$cli_name apply puts it back"
tf apply -auto-approve -no-color | grep -E 'Apply complete|Modifying|Modifications complete'
tf plan -detailed-exitcode -no-color >/dev/null && echo "plan is clean again (exit code 0)"

step "$cli_name destroy"
tf destroy -auto-approve -no-color | grep -E 'Destroy complete|Destroying'

requests=$(curl -fsS "$endpoint/__mock/requests" | jq .count)
count() { curl -fsS "$1/__mock/requests" | jq .count; }
step "Done on $cli_name: the mocks served $requests (authentik), $(count "$secoda_endpoint") (Secoda), $(count "$unleash_endpoint") (Unleash), $(count "$tyk_endpoint") (Tyk AI Studio) and $(count "$onyx_endpoint") (Onyx) API requests; stopping them"
