#!/usr/bin/python3
"""Execution test of data symbols on RDNA beyond `poly_constant`'s scalar loads: a `__constant__`
table gathered with a per-thread index (`global_load_dword` with the symbol's address as
`saddr`) and a `__device__` counter written by `atomicAdd`. The listing is clang-16's for

    __constant__ float lut[8];
    __device__ int counter[2];
    extern "C" __global__ void lut_gather(const int* idx, float* out, int n) {
      int i = blockIdx.x * blockDim.x + threadIdx.x;
      if (i < n) {
        out[i] = lut[idx[i] & 7] * 2.0f;
        atomicAdd(&counter[1], 1);
      }
    }

(tests/asm/regenerate-fixtures.sh's HIP command, gfx1030, -O2; comments and descriptor
directives that do not matter to the lifter left out). It is lifted by swhost (--strict) and run
under switcheroo_grid with launch(symbols=...) against NumPy.

    data_symbols_test.py SWHOST PYTHON_DIR
"""
import sys
import tempfile

import numpy as np

from lifted_listing import lift_kernel

LISTING = """\
\t.text
\t.amdgcn_target "amdgcn-amd-amdhsa--gfx1030"
\t.protected\tlut_gather
\t.globl\tlut_gather
\t.p2align\t8
\t.type\tlut_gather,@function
lut_gather:
\ts_load_dword s0, s[4:5], 0x4
\ts_load_dword s1, s[6:7], 0x10
\ts_waitcnt lgkmcnt(0)
\ts_and_b32 s0, s0, 0xffff
\tv_mad_u64_u32 v[0:1], null, s8, s0, v[0:1]
\ts_mov_b32 s0, exec_lo
\tv_cmpx_gt_i32_e64 s1, v0
\ts_cbranch_execz .LBB0_2
\ts_load_dwordx4 s[0:3], s[6:7], 0x0
\tv_ashrrev_i32_e32 v1, 31, v0
\tv_mov_b32_e32 v4, 0
\tv_lshlrev_b64 v[0:1], 2, v[0:1]
\ts_waitcnt lgkmcnt(0)
\tv_add_co_u32 v2, vcc_lo, s0, v0
\tv_add_co_ci_u32_e32 v3, vcc_lo, s1, v1, vcc_lo
\ts_getpc_b64 s[0:1]
\ts_add_u32 s0, s0, lut@rel32@lo+4
\ts_addc_u32 s1, s1, lut@rel32@hi+12
\tv_add_co_u32 v0, vcc_lo, s2, v0
\tglobal_load_dword v2, v[2:3], off
\tv_add_co_ci_u32_e32 v1, vcc_lo, s3, v1, vcc_lo
\tv_mov_b32_e32 v3, 1
\ts_waitcnt vmcnt(0)
\tv_and_b32_e32 v2, 7, v2
\tv_lshlrev_b32_e32 v2, 2, v2
\tglobal_load_dword v2, v2, s[0:1]
\ts_getpc_b64 s[0:1]
\ts_add_u32 s0, s0, counter@rel32@lo+8
\ts_addc_u32 s1, s1, counter@rel32@hi+16
\ts_waitcnt vmcnt(0)
\tv_add_f32_e32 v2, v2, v2
\tglobal_store_dword v[0:1], v2, off
\tglobal_atomic_add v4, v3, s[0:1]
.LBB0_2:
\ts_endpgm
\t.section\t.rodata,#alloc
\t.p2align\t6, 0x0
\t.amdhsa_kernel lut_gather
\t\t.amdhsa_kernarg_size 20
\t\t.amdhsa_user_sgpr_count 8
\t\t.amdhsa_user_sgpr_private_segment_buffer 1
\t\t.amdhsa_user_sgpr_dispatch_ptr 1
\t\t.amdhsa_user_sgpr_kernarg_segment_ptr 1
\t\t.amdhsa_wavefront_size32 1
\t\t.amdhsa_system_sgpr_workgroup_id_x 1
\t\t.amdhsa_system_vgpr_workitem_id 0
\t.end_amdhsa_kernel
\t.text
\t.protected\tlut
\t.type\tlut,@object
\t.section\t.bss,#alloc,#write
\t.globl\tlut
\t.p2align\t4, 0x0
lut:
\t.zero\t32
\t.size\tlut, 32
\t.protected\tcounter
\t.type\tcounter,@object
\t.globl\tcounter
\t.p2align\t2, 0x0
counter:
\t.zero\t8
\t.size\tcounter, 8
\t.amdgpu_metadata
---
amdhsa.kernels:
  - .args:
      - .address_space:  global
        .offset:         0
        .size:           8
        .value_kind:     global_buffer
      - .address_space:  global
        .offset:         8
        .size:           8
        .value_kind:     global_buffer
      - .offset:         16
        .size:           4
        .value_kind:     by_value
    .name:           lut_gather
amdhsa.target:   amdgcn-amd-amdhsa--gfx1030
...
\t.end_amdgpu_metadata
"""


def main():
    swhost, python_dir = sys.argv[1:3]
    sys.path.insert(0, python_dir)
    from switcheroo_grid import launch

    rng = np.random.default_rng(3)
    n = 45
    idx = rng.integers(-1000, 1000, n).astype(np.int32)
    out = np.zeros(n, np.float32)
    lut = rng.standard_normal(8).astype(np.float32)
    counter = np.array([5, 7], np.int32)
    with tempfile.TemporaryDirectory() as temp:
        lut_gather = lift_kernel(swhost, LISTING, "lut_gather", "lut_gather", temp)
    launch(lut_gather, 3, 16, idx, out, n, symbols={"lut": lut, "counter": counter})
    expected = lut[idx & 7] * np.float32(2)
    if not np.array_equal(out, expected):
        sys.exit(f"lut_gather disagrees with NumPy:\nactual   {out}\nexpected {expected}")
    if list(counter) != [5, 7 + n]:
        sys.exit(f"counter is {list(counter)}, expected [5, {7 + n}]")
    print(f"ok: {n} gathers from 'lut', 'counter' {list(counter)}")


if __name__ == "__main__":
    main()
