#!/usr/bin/env bash
# Runs a command with a real open-source Unleash server started for it (scripts/unleash-server.sh) and
# stops the server afterwards, whatever the command's outcome. The tests that need the server fail instead
# of skipping while ROSTER_REQUIRE_REAL_UNLEASH is set.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

started=$(date +%s)
env_lines=$("$root/scripts/unleash-server.sh" start)
eval "$env_lines"
trap '"$root/scripts/unleash-server.sh" stop "$UNLEASH_WORKDIR" >/dev/null 2>&1 || true' EXIT
ROSTER_UNLEASH_START_SECONDS=$(( $(date +%s) - started ))
echo "with-unleash: real Unleash server at $UNLEASH_URL (started in ${ROSTER_UNLEASH_START_SECONDS}s)" >&2
# scripts/phases.sh lists the start-up as the first phase of make test.
export UNLEASH_URL UNLEASH_TOKEN ROSTER_REQUIRE_REAL_UNLEASH=1 ROSTER_UNLEASH_START_SECONDS
"$@"
