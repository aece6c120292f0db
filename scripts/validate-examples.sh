#!/usr/bin/env bash
# Runs `terraform validate` on every example directory against a local build of the provider (dev_overrides
# in a temporary CLI config, so nothing is downloaded and nothing in $HOME changes).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/roster-examples.XXXXXX")
trap 'rm -rf "$work"' EXIT
export CHECKPOINT_DISABLE=1

(cd "$root" && go build -o "$work/bin/terraform-provider-roster" .)
cat >"$work/dev.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "rosterhq/roster" = "$work/bin"
  }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE="$work/dev.tfrc"

count=0
while IFS= read -r dir; do
  rel=${dir#"$root"/}
  dest="$work/examples/$rel"
  mkdir -p "$dest"
  cp "$dir"/*.tf "$dest/"
  # Docs examples omit the terraform block; give them the provider source here.
  if ! grep -qs 'required_providers' "$dest"/*.tf; then
    printf 'terraform {\n  required_providers {\n    roster = { source = "rosterhq/roster" }\n  }\n}\n' >"$dest/zz_versions.tf"
  fi
  if ! out=$(terraform -chdir="$dest" validate -no-color 2>&1); then
    echo "terraform validate failed in $rel:"; echo "$out"; exit 1
  fi
  count=$((count + 1))
done < <(find "$root/examples" -name '*.tf' -exec dirname {} \; | sort -u)
echo "terraform validate: $count example directories valid"
