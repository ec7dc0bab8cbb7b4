#!/usr/bin/env bash
# The README's second command (and what CI runs): installs the build and test packages, builds
# with warnings as errors, runs the whole test suite, then builds again with AddressSanitizer
# and UndefinedBehaviorSanitizer and runs a representative part of the suite once more: every
# test but the slow ones, the conversions with the four frameworks that cannot run here, which
# go through the same engine as the torch, flax and numpy conversions it keeps, and the
# whole-corpus checks (label corpus) that repeat what per-case tests run one by one, and the
# lifting fixtures of the sm_86 and gfx1010 listings (label variant), which go through the same
# frontends as the sm_80 and gfx1030 listings of the same kernels.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jobs="$(nproc)"

scripts/install-deps.sh --tests

cmake -S . -B build/ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSWITCHEROO_WERROR=ON
cmake --build build/ci -j "$jobs"
ctest --test-dir build/ci -j "$jobs" --output-on-failure

cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSWITCHEROO_WERROR=ON \
      -DSWITCHEROO_SANITIZE=ON
cmake --build build/sanitize -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0" \
  ctest --test-dir build/sanitize -j "$jobs" --output-on-failure -LE 'slow|keras|tf|mlx|pax|corpus|variant'
