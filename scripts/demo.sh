#!/usr/bin/env bash
# The README's first command: installs what Switcheroo needs, builds and installs it under
# ./out/prefix, then runs it on the bundled examples: converts the PyTorch image classifier
# examples/classifier/model.py to Flax NNX (out/classifier_flax.py), lifts a real sm_80 GEMM
# kernel's SASS into Python (out/gemm_naive.py), lists the installed plugins, and builds the
# SDK's template adapter out of tree against the installed SDK and converts the MiniGrad model
# examples/minigrad/model.py (channels-last, `setup`/`call`) to PyTorch through it
# (out/minigrad_torch.py).
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

echo "== $swhost convert examples/classifier/model.py --source torch --target flax --out out/classifier_flax.py"
"$swhost" convert examples/classifier/model.py --source torch --target flax --out out/classifier_flax.py
cat out/classifier_flax.py

kernel=tests/asm/fixtures/sass/gemm_naive.sm_80.cuobjdump.sass
echo "== $swhost convert $kernel --target python --out out/gemm_naive.py (source inferred)"
"$swhost" convert "$kernel" --target python --out out/gemm_naive.py
sed -n '/^def gemm_naive/,$p' out/gemm_naive.py

echo "== building sdk/template out of tree against the installed SDK"
cmake -S sdk/template -B out/template-build -G Ninja -DCMAKE_PREFIX_PATH="$root/out/prefix"
cmake --build out/template-build

echo "== $swhost plugins --plugins examples/minigrad/switcheroo.toml"
"$swhost" plugins --plugins examples/minigrad/switcheroo.toml
# The manifest is named on the command line: swhost would otherwise find it beside the model
# and, since it names a plugin file, load that only after 'swhost trust' (docs/manifest.md).
echo "== $swhost convert examples/minigrad/model.py --plugins examples/minigrad/switcheroo.toml --out out/minigrad_torch.py (MiniGrad -> PyTorch)"
"$swhost" convert examples/minigrad/model.py --plugins examples/minigrad/switcheroo.toml --out out/minigrad_torch.py
cat out/minigrad_torch.py
