#!/usr/bin/python3
"""Execution test of float max and min as the GPU computes them (the prelude's `fmax` and
`fmin`): IEEE 754-2019 maximumNumber / minimumNumber, which PTX's max.f32 and min.f32 (SASS
`FMNMX`) and RDNA's `v_max_f32` / `v_min_f32` (IEEE mode, quiet NaNs) compute. A NaN operand
loses to a number whichever side it is on, +0.0 is above -0.0, and the result does not depend
on the operand order. Python's max and min give NaN or the other zero for some of these pairs,
so a lifter that writes them fails here.

Hand-written SASS and RDNA listings compute max(a, b) and min(b, a) per thread; each is lifted
by swhost (--strict) and run under switcheroo_grid on pairs with NaNs, both zeros, infinities
and numbers, in both orders.

    float_minmax_test.py SWHOST PYTHON_DIR
"""
import sys
import tempfile

import numpy as np

from lifted_listing import lift_kernel, rdna_listing

SASS = """\
\t.headerflags\t@"EF_CUDA_TEXMODE_UNIFIED EF_CUDA_64BIT_ADDRESS EF_CUDA_SM80 EF_CUDA_VIRTUAL_SM(EF_CUDA_SM80)"
        .global         minmax
minmax:
        /*0000*/                   S2R R0, SR_TID.X ;
        /*0010*/                   IMAD.WIDE R2, R0, 0x4, c[0x0][0x160] ;
        /*0020*/                   IMAD.WIDE R4, R0, 0x4, c[0x0][0x168] ;
        /*0030*/                   LDG.E R6, [R2.64] ;
        /*0040*/                   LDG.E R7, [R4.64] ;
        /*0050*/                   FMNMX R8, R6, R7, !PT ;
        /*0060*/                   FMNMX R9, R7, R6, PT ;
        /*0070*/                   IMAD.WIDE R2, R0, 0x4, c[0x0][0x170] ;
        /*0080*/                   IMAD.WIDE R4, R0, 0x4, c[0x0][0x178] ;
        /*0090*/                   STG.E [R2.64], R8 ;
        /*00a0*/                   STG.E [R4.64], R9 ;
        /*00b0*/                   EXIT ;
.L_x_0:
        /*00c0*/                   BRA `(.L_x_0);
"""

RDNA = rdna_listing("minmax", """
s_load_dwordx8 s[4:11], s[0:1], 0x0
v_lshlrev_b32_e32 v0, 2, v0
s_waitcnt lgkmcnt(0)
v_add_co_u32 v2, vcc_lo, s4, v0
v_add_co_ci_u32_e64 v3, s12, s5, 0, vcc_lo
v_add_co_u32 v4, vcc_lo, s6, v0
v_add_co_ci_u32_e64 v5, s12, s7, 0, vcc_lo
global_load_dword v6, v[2:3], off
global_load_dword v7, v[4:5], off
s_waitcnt vmcnt(0)
v_max_f32_e32 v8, v6, v7
v_min_f32_e32 v9, v7, v6
v_add_co_u32 v2, vcc_lo, s8, v0
v_add_co_ci_u32_e64 v3, s12, s9, 0, vcc_lo
v_add_co_u32 v4, vcc_lo, s10, v0
v_add_co_ci_u32_e64 v5, s12, s11, 0, vcc_lo
global_store_dword v[2:3], v8, off
global_store_dword v[4:5], v9, off
s_endpgm
""", 4)


def maximum_number(a, b, take_max):
    # IEEE 754-2019 maximumNumber / minimumNumber, element by element
    result = []
    for x, y in zip(a.tolist(), b.tolist()):
        if np.isnan(x) or np.isnan(y):
            result.append(y if np.isnan(x) else x)
        elif x == y:
            result.append(x if np.signbit(x) != take_max else y)
        else:
            result.append(max(x, y) if take_max else min(x, y))
    return np.array(result, np.float32)


def main():
    swhost, python_dir = sys.argv[1:3]
    sys.path.insert(0, python_dir)
    from switcheroo_grid import launch

    nan, inf = np.nan, np.inf
    left = [nan, 1.5, nan, 0.0, -0.0, -inf, inf, nan, -2.0, 3.0]
    right = [1.5, nan, -inf, -0.0, 0.0, nan, nan, nan, -3.0, 3.0]
    a = np.array(left + right, np.float32)
    b = np.array(right + left, np.float32)
    expected_max, expected_min = maximum_number(a, b, True), maximum_number(a, b, False)
    # Python's max and min give another answer on these inputs, so the test can fail.
    python_max = np.array([max(x, y) for x, y in zip(a.tolist(), b.tolist())], np.float32)
    python_min = np.array([min(y, x) for x, y in zip(a.tolist(), b.tolist())], np.float32)
    assert not np.array_equal(python_max, expected_max, equal_nan=True)
    assert not np.array_equal(python_min, expected_min, equal_nan=True)
    with tempfile.TemporaryDirectory() as temp:
        for name, listing in (("sass", SASS), ("rdna", RDNA)):
            kernel = lift_kernel(swhost, listing, name, "minmax", temp)
            high, low = np.zeros_like(a), np.zeros_like(a)
            launch(kernel, 1, a.size, a, b, high, low)
            for got, want in ((high, expected_max), (low, expected_min)):
                np.testing.assert_array_equal(got, want, err_msg=name)
                np.testing.assert_array_equal(np.signbit(got[~np.isnan(got)]),
                                              np.signbit(want[~np.isnan(want)]), err_msg=name)
    print("ok")


if __name__ == "__main__":
    main()
