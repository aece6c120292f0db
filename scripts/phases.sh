#!/usr/bin/env bash
# Runs make targets one after another, stopping at the first that fails, and prints at the end how long each
# took ("phase unittest: 95 s (cpu 150 s)"), so a slow phase shows up in every `make test` output. The CPU
# time (user + system of every process the phase ran) barely depends on what else the machine is doing; on 2
# idle cores a phase that keeps both busy takes about half of it.
#
#   scripts/phases.sh unittest testacc examples-check
#
# ROSTER_UNLEASH_START_SECONDS, when scripts/with-unleash.sh sets it, is listed first as phase unleash-start.
set -uo pipefail

# cpu_now sets cpu to the CPU seconds that this shell's finished children have used so far. `times` runs in
# this shell, not in a $(...) subshell, which has no children of its own.
times_file=$(mktemp)
trap 'rm -f "$times_file"' EXIT
cpu_now() {
	times >"$times_file"
	cpu=$(awk 'END { s = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); s += p[1] * 60 + p[2] } printf "%d", s }' "$times_file")
}

summary=()
[[ -n "${ROSTER_UNLEASH_START_SECONDS:-}" ]] && summary+=("phase unleash-start: ${ROSTER_UNLEASH_START_SECONDS} s")
total_start=$SECONDS
report() {
	echo
	printf '%s\n' "${summary[@]}"
	cpu_now
	echo "phases total: $((SECONDS - total_start)) s (cpu $cpu s)"
}

for target in "$@"; do
	start=$SECONDS
	cpu_now
	before=$cpu
	make --no-print-directory "$target"
	rc=$?
	cpu_now
	line="phase $target: $((SECONDS - start)) s (cpu $((cpu - before)) s)"
	if [[ $rc -ne 0 ]]; then
		summary+=("$line FAILED")
		report
		exit 1
	fi
	summary+=("$line")
done
report
