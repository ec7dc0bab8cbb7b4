#!/bin/bash
# Regenerates tests/asm/fixtures/ from the kernels in tests/asm/kernels/ with real compilers:
#
#   NVIDIA: nvcc (CUDA 13, /usr/local/cuda) emits PTX for sm_90; the PTX '.version' line is set to
#           7.8 so that the CUDA 11.8 ptxas can assemble it for sm_80, sm_86 and sm_90, and the
#           11.8 'cuobjdump -sass' and 'nvdisasm -c' disassemble the cubins. The 11.8 tools come
#           from Debian's non-free nvidia-cuda-toolkit .deb, downloaded through a private apt
#           configuration (the system sources list only 'main') and unpacked, not installed.
#   AMD:    clang-14 for gfx1010 and gfx1030, clang-16 for gfx1100 (OpenCL C 2.0, no device libs).
#
# Usage: tests/asm/regenerate-fixtures.sh [CACHE_DIR]   (default CACHE_DIR: ~/.cache/switcheroo-cuda118)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
kernels="$here/kernels"
fixtures="$here/fixtures"
cache="${1:-${HOME}/.cache/switcheroo-cuda118}"
nvcc="${NVCC:-/usr/local/cuda/bin/nvcc}"

fetch_cuda_118() {
  if [[ -x "$cache/root/usr/bin/nvdisasm" ]]; then return; fi
  mkdir -p "$cache/lists/partial" "$cache/debs"
  cat >"$cache/sources.list" <<SOURCES
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm non-free
SOURCES
  local apt_options=(-o "Dir::Etc::sourcelist=$cache/sources.list" -o "Dir::Etc::sourceparts=-"
    -o "Dir::State::Lists=$cache/lists" -o "APT::Get::List-Cleanup=0")
  apt-get "${apt_options[@]}" update
  (cd "$cache/debs" && apt-get "${apt_options[@]}" download nvidia-cuda-toolkit)
  dpkg-deb -x "$cache"/debs/nvidia-cuda-toolkit_*.deb "$cache/root"
}

generate_sass() {
  local tools="$cache/root/usr/bin" work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  mkdir -p "$fixtures/sass"
  for source in "$kernels"/cuda/*.cu; do
    local name
    name="$(basename "$source" .cu)"
    "$nvcc" -ptx -arch=sm_90 -o "$work/$name.ptx" "$source"
    sed -i 's/^\.version .*/.version 7.8/' "$work/$name.ptx"
    for arch in sm_80 sm_86 sm_90; do
      # Hopper PTX from nvcc 13 uses only sm_80-level features for these kernels.
      sed "s/^\.target .*/.target $arch/" "$work/$name.ptx" >"$work/$name.$arch.ptx"
      "$tools/ptxas" -arch="$arch" -O3 -o "$work/$name.$arch.cubin" "$work/$name.$arch.ptx"
      "$tools/cuobjdump" -sass "$work/$name.$arch.cubin" >"$fixtures/sass/$name.$arch.cuobjdump.sass"
      "$tools/nvdisasm" -c "$work/$name.$arch.cubin" >"$fixtures/sass/$name.$arch.nvdisasm.sass"
    done
  done
}

generate_rdna() {
  mkdir -p "$fixtures/rdna"
  for source in "$kernels"/opencl/*.cl; do
    local name
    name="$(basename "$source" .cl)"
    for target in clang-14:gfx1010 clang-14:gfx1030 clang-16:gfx1100; do
      local compiler="${target%%:*}" cpu="${target##*:}"
      "$compiler" -x cl -cl-std=CL2.0 -Xclang -finclude-default-header -nogpulib \
        -target amdgcn-amd-amdhsa -mcpu="$cpu" -O2 -S -I "$kernels/opencl" \
        -o "$fixtures/rdna/$name.$cpu.s" "$source"
    done
  done
}

fetch_cuda_118
generate_sass
generate_rdna
echo "fixtures written to $fixtures"
