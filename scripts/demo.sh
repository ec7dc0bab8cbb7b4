#!/usr/bin/env bash
# The README's first command: installs what Switcheroo needs, builds and installs it under
# ./out/prefix, then runs it on the bundled example: lists the installed plugins, builds the
# SDK's template adapter out of tree against the installed SDK, and converts examples/minigrad
# through it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DSWITCHEROO_BUILD_TESTS=OFF
cmake --build build/release
cmake --install build/release --prefix out/prefix

swhost=out/prefix/bin/swhost
echo "== $swhost --version"
"$swhost" --version
echo "== $swhost plugins (the built-in default manifest: every installed plugin)"
"$swhost" plugins

echo "== building sdk/template out of tree against the installed SDK"
cmake -S sdk/template -B out/template-build -G Ninja -DCMAKE_PREFIX_PATH="$root/out/prefix"
cmake --build out/template-build

echo "== $swhost plugins --plugins examples/minigrad/switcheroo.toml"
"$swhost" plugins --plugins examples/minigrad/switcheroo.toml
echo "== $swhost convert examples/minigrad/model.py --out out/model.py"
"$swhost" convert examples/minigrad/model.py --out out/model.py
cmp examples/minigrad/model.py out/model.py && echo "out/model.py written"
