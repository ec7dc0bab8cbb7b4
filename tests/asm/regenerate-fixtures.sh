#!/bin/bash
# Regenerates tests/asm/fixtures/ from the kernels in tests/asm/kernels/ with real compilers:
#
#   NVIDIA: nvcc (CUDA 13, /usr/local/cuda) emits PTX for sm_90; the PTX '.version' line is set to
#           7.8 so that the CUDA 11.8 ptxas can assemble it for sm_80, sm_86 and sm_90, and the
#           11.8 'cuobjdump -sass' and 'nvdisasm -c' disassemble the cubins. The 11.8 tools come
#           from Debian's non-free nvidia-cuda-toolkit .deb, downloaded through a private apt
#           configuration (the system sources list only 'main') and unpacked, not installed.
#   AMD:    clang-14 for gfx1010 and gfx1030, clang-16 for gfx1100 (OpenCL C 2.0, no device libs).
#   Both:   the CUDA kernels in kernels/portable/ for both vendors at -O1, -O2 and -O3: ptxas
#           -O1/-O2/-O3 (nvdisasm form), and clang-16 as HIP without the HIP runtime
#           (-nogpuinc, with kernels/portable/cuda_on_amdgpu.h supplying threadIdx & co. from
#           AMDGPU builtins and the dispatch packet). Named KERNEL.OPT.ARCH[.nvdisasm].{sass,s};
#           an -O1 or -O3 listing the same as the -O2 one is not kept. The 11.8 nvdisasm skips
#           sm_90 instructions it cannot decode (row_max's VIMNMX), leaving gaps in the
#           addresses: such listings are removed too.
#
# Usage: tests/asm/regenerate-fixtures.sh [CACHE_DIR]   (default CACHE_DIR: ~/.cache/switcheroo-cuda118)
#        ONLY=half_axpy tests/asm/regenerate-fixtures.sh   regenerates one portable kernel's listings
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

# Whether each function's instruction addresses follow one another (nvdisasm 11.8 leaves out
# sm_90 instructions it cannot decode).
contiguous_addresses() {
  local previous=-1 line address
  while IFS= read -r line; do
    [[ $line =~ ^[[:space:]]+/\*([0-9a-f]+)\*/ ]] || continue
    address=$((16#${BASH_REMATCH[1]}))
    if ((previous >= 0 && address != 0 && address != previous + 16)); then return 1; fi
    previous=$address
  done <"$1"
}

generate_portable() {
  local tools="$cache/root/usr/bin" work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  for source in "$kernels"/portable/${ONLY:-*}.cu; do
    local name
    name="$(basename "$source" .cu)"
    local nvidia=1 amd=1
    if ((nvidia)); then
      "$nvcc" -ptx -arch=sm_90 -o "$work/$name.ptx" "$source"
      sed -i 's/^\.version .*/.version 7.8/' "$work/$name.ptx"
    fi
    for opt in O1 O2 O3; do
      for arch in sm_80 sm_86 sm_90; do
        ((nvidia)) || continue
        sed "s/^\.target .*/.target $arch/" "$work/$name.ptx" >"$work/$name.$arch.ptx"
        "$tools/ptxas" -arch="$arch" "-$opt" -o "$work/$name.$arch.cubin" "$work/$name.$arch.ptx"
        local listing="$fixtures/sass/$name.$opt.$arch.nvdisasm.sass"
        "$tools/nvdisasm" -c "$work/$name.$arch.cubin" >"$listing"
        if ! contiguous_addresses "$listing"; then rm "$listing"; fi
      done
      for cpu in gfx1010 gfx1030 gfx1100; do
        ((amd)) || continue
        clang-16 -x hip --offload-arch="$cpu" -nogpulib -nogpuinc --cuda-device-only "-$opt" -S \
          -include "$kernels/portable/cuda_on_amdgpu.h" -o "$fixtures/rdna/$name.$opt.$cpu.s" "$source"
      done
    done
  done
  # A listing the same as the -O2 one says nothing new: keep one.
  for listing in "$fixtures"/sass/*.O[13].* "$fixtures"/rdna/*.O[13].*; do
    if cmp -s "$listing" "${listing/.O[13]./.O2.}"; then rm "$listing"; fi
  done
}

fetch_cuda_118
if [[ -z ${ONLY:-} ]]; then
  generate_sass
  generate_rdna
fi
generate_portable
echo "fixtures written to $fixtures"
