#!/usr/bin/env bash
# Installs the Debian 12 packages Switcheroo needs: scripts/build-packages.txt to build and run,
# plus scripts/test-packages.txt with --tests. Runs apt-get through sudo when not root.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

lists=("$here/build-packages.txt")
if [[ "${1:-}" == "--tests" ]]; then lists+=("$here/test-packages.txt"); fi

packages=()
for list in "${lists[@]}"; do
  while read -r name _; do
    [[ -z "$name" || "$name" == \#* ]] || packages+=("$name")
  done < "$list"
done

missing=()
for name in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" || missing+=("$name")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

as_root=()
if [[ $(id -u) -ne 0 ]]; then as_root=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=900 "${missing[@]}"
