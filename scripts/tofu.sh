#!/usr/bin/env bash
# Runs OpenTofu at one pinned version, built from the Go module proxy on first use into a cache outside the
# work tree (like golangci-lint and GoReleaser), so a fresh clone on the same machine reuses it.
#
#   scripts/tofu.sh --path     build if missing, then print the binary's path
#   scripts/tofu.sh version    any other arguments are passed to tofu
#
# `go install github.com/opentofu/opentofu/cmd/tofu@VERSION` refuses: OpenTofu's go.mod has a replace
# directive. So the module is downloaded and ./cmd/tofu built from a writable copy of it, with the module's
# own go.mod and go.sum (about 7 minutes on 2 idle cores, more under load). dev=no makes `tofu version` print
# the release version without the -dev marker, as a release binary does; terraform-plugin-testing reads it.
# OPENTOFU_VERSION overrides the pin; ROSTER_TOOLS_DIR overrides the cache (default ~/.cache/roster-tools).
set -euo pipefail

OPENTOFU_VERSION="${OPENTOFU_VERSION:-v1.12.6}"
ROSTER_TOOLS_DIR="${ROSTER_TOOLS_DIR:-$HOME/.cache/roster-tools}"
dir="$ROSTER_TOOLS_DIR/opentofu-$OPENTOFU_VERSION"
bin="$dir/tofu"

if [[ ! -x "$bin" ]]; then
	# Another run on this machine may be building it (make testacc-tofu beside ROSTER_DEMO_CLI=tofu make demo):
	# wait for it, at most half an hour, then use its binary.
	mkdir -p "$ROSTER_TOOLS_DIR"
	exec 9>"$ROSTER_TOOLS_DIR/.opentofu-$OPENTOFU_VERSION.lock"
	flock -w 1800 9 || { echo "tofu.sh: another build of OpenTofu did not finish within 30 minutes" >&2; exit 1; }
fi
if [[ ! -x "$bin" ]]; then
	echo "tofu.sh: building OpenTofu $OPENTOFU_VERSION into $dir (first use only, about 7 minutes on 2 cores)" >&2
	start=$SECONDS
	mkdir -p "$ROSTER_TOOLS_DIR"
	# Build in a scratch directory and rename it into place, so an interrupted build never leaves a
	# half-written binary that later runs would trust.
	tmp="$(mktemp -d "$ROSTER_TOOLS_DIR/.opentofu-$OPENTOFU_VERSION.XXXXXX")"
	trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
	# Outside the provider's module: none of its go.mod, GOFLAGS (-mod=readonly in CI) or tags apply.
	(cd "$tmp" && GOFLAGS= go mod download "github.com/opentofu/opentofu@$OPENTOFU_VERSION")
	src="$(go env GOMODCACHE)/github.com/opentofu/opentofu@$OPENTOFU_VERSION"
	cp -r "$src" "$tmp/src"
	chmod -R u+w "$tmp/src"
	(cd "$tmp/src" && GOFLAGS= CGO_ENABLED=0 go build -trimpath \
		-ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$tmp/bin/tofu" ./cmd/tofu)
	rm -rf "$dir"
	mv "$tmp/bin" "$dir"
	chmod -R u+w "$tmp"
	rm -rf "$tmp"
	trap - EXIT
	echo "tofu.sh: built OpenTofu $OPENTOFU_VERSION in $((SECONDS - start)) s" >&2
fi

if [[ "${1:-}" == --path ]]; then
	echo "$bin"
	exit 0
fi
exec "$bin" "$@"
