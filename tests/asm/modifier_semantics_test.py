#!/usr/bin/python3
"""Execution test of SASS modifiers that no fixture's lifted code runs: `.FTZ` on FADD and
FSETP (GTU, NEU, and LT through the `cmp` class; the corpus has them only in the
float-division slow path, which the lifter replaces by `fdiv`). A hand-written listing is lifted by swhost and run under switcheroo_grid on inputs
with subnormals, against NumPy with the flush done by hand.

    modifier_semantics_test.py SWHOST PYTHON_DIR
"""
import sys
import tempfile

import numpy as np

from lifted_listing import lift_kernel

LISTING = """\
\t.headerflags\t@"EF_CUDA_TEXMODE_UNIFIED EF_CUDA_64BIT_ADDRESS EF_CUDA_SM80 EF_CUDA_VIRTUAL_SM(EF_CUDA_SM80)"
        .global         ftz_ops
ftz_ops:
        /*0000*/                   S2R R0, SR_TID.X ;
        /*0010*/                   IMAD.WIDE R2, R0, 0x4, c[0x0][0x160] ;
        /*0020*/                   IMAD.WIDE R4, R0, 0x4, c[0x0][0x168] ;
        /*0030*/                   LDG.E R6, [R2.64] ;
        /*0040*/                   LDG.E R7, [R4.64] ;
        /*0050*/                   FADD.FTZ R8, R6, R7 ;
        /*0060*/                   FSETP.GTU.FTZ.AND P0, PT, R6, R7, PT ;
        /*0070*/                   FSETP.NEU.FTZ.AND P1, PT, R6, R7, PT ;
        /*0080*/                   FSETP.LT.FTZ.AND P2, PT, R6, R7, PT ;
        /*0090*/                   SEL R9, 0x1, RZ, P0 ;
        /*00a0*/                   SEL R10, 0x2, RZ, P1 ;
        /*00b0*/                   SEL R11, 0x4, RZ, P2 ;
        /*00c0*/                   IADD3 R9, R9, R10, R11 ;
        /*00d0*/                   IMAD.WIDE R2, R0, 0x4, c[0x0][0x170] ;
        /*00e0*/                   IMAD.WIDE R4, R0, 0x4, c[0x0][0x178] ;
        /*00f0*/                   STG.E [R2.64], R8 ;
        /*0100*/                   STG.E [R4.64], R9 ;
        /*0110*/                   EXIT ;
.L_x_0:
        /*0120*/                   BRA `(.L_x_0);
"""

TINY = np.float32(2.0 ** -126)


def flushed(x):
    return np.where(np.abs(x) < TINY, np.float32(0) * np.sign(x), x).astype(np.float32)


def main():
    swhost, python_dir = sys.argv[1:3]
    sys.path.insert(0, python_dir)
    from switcheroo_grid import launch

    sub = np.float32(2.0 ** -130)
    a = np.array([sub, sub, 1.5, -sub, TINY, 3 * sub, np.nan, 0.0, TINY * 1.5], np.float32)
    b = np.array([0.0, -sub, sub, 0.0, -TINY * 0.5, -sub, 1.0, -0.0, -TINY], np.float32)
    with tempfile.TemporaryDirectory() as temp:
        ftz_ops = lift_kernel(swhost, LISTING, "ftz_lifted", "ftz_ops", temp, ".sass")
    total, flags = np.zeros_like(a), np.zeros(a.size, np.uint32)
    launch(ftz_ops, 1, a.size, a, b, total, flags)

    fa, fb = flushed(a), flushed(b)
    with np.errstate(invalid="ignore"):
        expected_total = flushed(fa + fb)
        expected_flags = (~(fa <= fb)).astype(np.uint32) + 2 * (fa != fb).astype(np.uint32) + \
            4 * (fa < fb).astype(np.uint32)
    np.testing.assert_array_equal(total, expected_total)
    np.testing.assert_array_equal(np.signbit(total), np.signbit(expected_total))
    np.testing.assert_array_equal(flags, expected_flags)
    # Without the flush these inputs give other numbers, so the test can fail.
    assert not np.array_equal(a + b, expected_total, equal_nan=True)
    print("ok")


if __name__ == "__main__":
    main()
