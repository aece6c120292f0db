#!/usr/bin/env bash
# Runs make targets one after another, stopping at the first that fails, and prints at the end how long each
# took ("phase unittest: 95 s"), so a slow phase shows up in every `make test` output.
#
#   scripts/phases.sh unittest testacc examples-check
#
# ROSTER_UNLEASH_START_SECONDS, when scripts/with-unleash.sh sets it, is listed first as phase unleash-start.
set -uo pipefail

summary=()
[[ -n "${ROSTER_UNLEASH_START_SECONDS:-}" ]] && summary+=("phase unleash-start: ${ROSTER_UNLEASH_START_SECONDS} s")
total_start=$SECONDS
report() {
	echo
	printf '%s\n' "${summary[@]}"
	echo "phases total: $((SECONDS - total_start)) s"
}

for target in "$@"; do
	start=$SECONDS
	if ! make --no-print-directory "$target"; then
		summary+=("phase $target: $((SECONDS - start)) s (FAILED)")
		report
		exit 1
	fi
	summary+=("phase $target: $((SECONDS - start)) s")
done
report
