#!/usr/bin/env bash
# make bench: build the provider and the harness, run the Go micro-benchmarks (hot paths and mock throughput),
# then run internal/cmd/roster-bench, which drives the real terraform binary against in-process platform mocks
# and writes BENCHMARKS.md. Nothing outside a temporary directory is touched except BENCHMARKS.md.
#
# Environment:
#   BENCH_ARGS      extra roster-bench flags, e.g. "-sizes 100 -platforms authentik" for a quick look
#   BENCH_COUNT     -count of the Go benchmarks (default 1; benchstat wants 6 or more to compare two runs)
#   BENCH_TIME      -benchtime of the Go benchmarks (default 100ms; the 10,000-member cases run once a round anyway)
#   BENCH_OUT       report path (default BENCHMARKS.md in the repository root)
#   BENCH_GO=0      skip the Go micro-benchmarks
#   BENCH_KEEP=1    keep the temporary directory (configurations, state, terraform logs, usage records)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
started=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/roster-bench.XXXXXX")
cleanup() {
  if [[ "${BENCH_KEEP:-}" == 1 ]]; then
    echo "bench: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

command -v terraform >/dev/null || { echo "terraform (>= 1.11) must be on PATH"; exit 1; }
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_LOG TF_LOG_PATH TF_LOG_CORE TF_LOG_PROVIDER

echo "==> Building the provider and roster-bench into $work" >&2
cd "$root"
source=$(git describe --always --dirty --abbrev=12 2>/dev/null || echo "unknown (not a git work tree)")
go build -o "$work/real/terraform-provider-roster" .
go build -o "$work/bin/roster-bench" ./internal/cmd/roster-bench
# Terraform starts whatever dev_overrides names: a copy of roster-bench under the provider's name, which runs
# the real provider and records its CPU time and peak memory (internal/cmd/roster-bench/wrapper.go).
mkdir -p "$work/wrap"
cp "$work/bin/roster-bench" "$work/wrap/terraform-provider-roster"
export ROSTER_BENCH_REAL_PROVIDER="$work/real/terraform-provider-roster"
# The plugin floor, a provider that does nothing, is served by roster-bench too, from a directory of its own
# (terraform picks the first file whose name starts with terraform-provider-<type>).
mkdir -p "$work/wrap-floor"
cp "$work/bin/roster-bench" "$work/wrap-floor/terraform-provider-benchfloor"

cat >"$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "rosterhq/roster"     = "$work/wrap"
    "rosterhq/benchfloor" = "$work/wrap-floor"
  }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE="$work/dev.tfrc"

# Every package with a *_bench_test.go: the provider's plan path, and the clients' and mocks' hot paths of every
# platform (internal/cmd/roster-bench/platforms_bench_test.go).
bench_pkgs=$(find internal -name '*_bench_test.go' -printf './%h\n' | sort -u)
count=${BENCH_COUNT:-1} benchtime=${BENCH_TIME:-100ms}
gobench_cmd="go test -run '^\$' -bench . -benchmem -count $count -benchtime $benchtime <packages with *_bench_test.go>"
: >"$work/gobench.txt"
if [[ -n "$bench_pkgs" && "${BENCH_GO:-1}" != 0 ]]; then
  echo "==> Go micro-benchmarks: $gobench_cmd" >&2
  # shellcheck disable=SC2086
  go test -run '^$' -bench . -benchmem -count "$count" -benchtime "$benchtime" -timeout 10m $bench_pkgs | tee "$work/gobench.txt" >&2
fi

out=${BENCH_OUT:-$root/BENCHMARKS.md}
# shellcheck disable=SC2206
args=(-terraform "$(command -v terraform)" -workdir "$work/runs" -out "$out" -gobench "$work/gobench.txt" -since "$started" -source "$source" ${BENCH_ARGS:-})
echo "==> roster-bench ${args[*]}" >&2
"$work/bin/roster-bench" "${args[@]}" \
  -command "$(printf '%s\n' "$gobench_cmd" "roster-bench ${args[*]}" | sed "s#$work#\$WORK#g; s#$root/##g")"
echo "==> make bench took $(( $(date +%s) - started ))s" >&2
