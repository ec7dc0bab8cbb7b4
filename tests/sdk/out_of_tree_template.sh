#!/usr/bin/env bash
# Proves the third-party path end to end: install swhost and the SDK from BUILD_DIR into a fresh
# prefix, build sdk/template (an adapter, a hook and an emitter) out of tree with
# find_package(SwitcherooSDK),
# and check that the installed swhost loads them through a manifest and converts with the
# adapter (PyTorch test models to MiniGrad and back, checked numerically by
# tests/sdk/minigrad_conversions.py), that the hook changes a conversion, and that the emitter
# draws a model's graph (tests/sdk/mermaid).
set -euo pipefail
source_dir="$1"
build_dir="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
test -x "$work/prefix/bin/swhost"
test -f "$work/prefix/include/switcheroo/sdk.h"
test -f "$work/prefix/include/switcheroo/sdk.hpp"
test -f "$work/prefix/include/switcheroo/knowledge.h"
test -f "$work/prefix/include/switcheroo/hook.hpp"
# The knowledge base compiled at build time is installed with swhost, and swkbc with it.
test -x "$work/prefix/bin/swkbc"
test -f "$work/prefix/share/switcheroo/hub.swkb"
test -f "$work/prefix/lib/switcheroo/plugins/libsw-adapter-torch.so.swkb"

cp -r "$source_dir/sdk/template" "$work/my-adapter"
cmake -S "$work/my-adapter" -B "$work/my-adapter/build" -G Ninja \
      -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"
cmake --build "$work/my-adapter/build" > "$work/build.log"
plugin="$work/my-adapter/build/libsw-adapter-minigrad.so"
hook="$work/my-adapter/build/libsw-hook-relu_method.so"
test -f "$plugin"
test -f "$hook"
# The installed swkbc, found through the SDK package, compiled the adapter's data beside it.
test -f "$plugin.swkb"

cat > "$work/switcheroo.toml" <<TOML
[plugins]
files = ["$plugin"]
TOML
"$work/prefix/bin/swhost" plugins --plugins "$work/switcheroo.toml" --json > "$work/plugins.json"
/usr/bin/python3 - "$work/plugins.json" "$plugin" "$source_dir/sdk/template/data/spoke.toml" <<'PY'
import json, sys
listing = json.load(open(sys.argv[1]))
mine = [p for p in listing["plugins"] if p["file"] == sys.argv[2]]
assert len(mine) == 1, listing
assert mine[0]["status"] == "loaded" and mine[0]["id"] == "minigrad", mine[0]
import tomllib
spoke = tomllib.load(open(sys.argv[3], "rb"))["ops"]
assert mine[0]["ops"] == len([op for op in spoke if "/" not in op]), mine[0]
others = [p for p in listing["plugins"] if p["file"] != sys.argv[2]]
assert all(p["status"] != "refused" for p in others), others
assert listing["problems"] == [], listing["problems"]
print(f"out-of-tree adapter loaded by the installed swhost; {len(others)} installed plugins beside it")
PY

printf 'import minigrad as mg\ny = mg.relu(x)  # keep me\n' > "$work/model.py"
"$work/prefix/bin/swhost" convert "$work/model.py" --plugins "$work/switcheroo.toml" \
    --source mg --target minigrad --out "$work/out/model.py"
cmp "$work/model.py" "$work/out/model.py"

# MiniGrad conversions, numerically checked, with the installed swhost and the adapter built here.
/usr/bin/python3 "$source_dir/tests/sdk/minigrad_conversions.py" "$work/prefix/bin/swhost" \
    "$plugin" "$source_dir"

# The hook (off unless the manifest enables it) changes a conversion between the same frameworks.
cat > "$work/with-hook.toml" <<TOML
[plugins]
files = ["$plugin", "$hook"]

[hooks.relu_method]
enabled = true
TOML
printf 'import minigrad as mg\ny = x.relu()  # keep me\n' > "$work/hooked.py"
"$work/prefix/bin/swhost" convert "$work/hooked.py" --plugins "$work/with-hook.toml" \
    --source mg --target minigrad --out "$work/out/hooked.py"
printf 'import minigrad as mg\ny = mg.relu(x)  # keep me\n' > "$work/expected.py"
cmp "$work/expected.py" "$work/out/hooked.py"
echo "ok: the out-of-tree hook rewrote x.relu() as mg.relu(x)"

# The emitter draws a model's graph as a Mermaid flowchart through the installed swhost.
emitter="$work/my-adapter/build/libsw-emitter-mermaid.so"
printf '[plugins]\nfiles = ["%s"]\n' "$emitter" > "$work/with-emitter.toml"
"$work/prefix/bin/swhost" draw "$source_dir/tests/sdk/mermaid/model.py" --input-shape 2,3,16,16 \
    --plugins "$work/with-emitter.toml" --emitter mermaid --out "$work/out/model.mmd"
diff -u "$source_dir/tests/sdk/mermaid/expected.mmd" "$work/out/model.mmd"
echo "ok: the out-of-tree emitter drew the model graph"
