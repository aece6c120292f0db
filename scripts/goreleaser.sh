#!/usr/bin/env bash
# Runs GoReleaser at one pinned version, built from the Go module proxy on first use into a cache outside the
# work tree (like `make lint` does for golangci-lint), so a fresh clone on the same machine reuses it.
#
#   scripts/goreleaser.sh check
#   scripts/goreleaser.sh release --snapshot --clean --skip=publish,sign
#
# GORELEASER_VERSION overrides the pin. v2.16.0 needs Go >= 1.26.3. Newer ones do not install here: v2.17.x
# pulls go.digitalxero.dev/go-msix (through nfpm v2.47), a module host the proxy this project uses refuses,
# and v2.18 needs Go 1.27. ROSTER_TOOLS_DIR overrides the cache (default ~/.cache/roster-tools).
#
# `release` without GPG_FINGERPRINT in the environment skips the signing step (--skip=sign), so snapshot
# builds work on a machine with no key; with it set, the checksum file is signed with that key.
set -euo pipefail

GORELEASER_VERSION="${GORELEASER_VERSION:-v2.16.0}"
ROSTER_TOOLS_DIR="${ROSTER_TOOLS_DIR:-$HOME/.cache/roster-tools}"
dir="$ROSTER_TOOLS_DIR/goreleaser-$GORELEASER_VERSION"
bin="$dir/goreleaser"

if [[ ! -x "$bin" ]]; then
	echo "goreleaser.sh: installing goreleaser $GORELEASER_VERSION into $dir (first use only, about 13 minutes)" >&2
	mkdir -p "$ROSTER_TOOLS_DIR"
	# Build into a scratch directory and rename it into place, so an interrupted install never leaves a
	# half-written binary that later runs would trust.
	tmp="$(mktemp -d "$ROSTER_TOOLS_DIR/.goreleaser-$GORELEASER_VERSION.XXXXXX")"
	trap 'rm -rf "$tmp"' EXIT
	# Built outside the module: none of the provider's go.mod, -mod or tags apply to the tool.
	(cd "$tmp" && GOBIN="$tmp/bin" GOFLAGS= CGO_ENABLED=0 \
		go install "github.com/goreleaser/goreleaser/v2@$GORELEASER_VERSION")
	rm -rf "$dir"
	mv "$tmp/bin" "$dir"
	rm -rf "$tmp"
	trap - EXIT
fi

cd "$(dirname "$0")/.."
if [[ "${1:-}" == release && -z "${GPG_FINGERPRINT:-}" ]]; then
	echo "goreleaser.sh: GPG_FINGERPRINT is empty: the SHA256SUMS file will not be signed" >&2
	set -- "$@" --skip=sign
fi
exec "$bin" "$@"
