#!/usr/bin/python3
"""The packed half-precision arithmetic that lifted code calls as `grid.half2(...)`
(python/switcheroo_grid/halves.py), on the cases where a plausible shortcut goes wrong: the fma
rounded once (an fma rounded after the product too gives 0 below), results past 65504 that
round to infinity or to 65504, subnormal results, -0.0, each lane on its own, and a float32
fma whose exact value a Python float does not hold (round to odd, then to float32). Then a
hand-written SASS listing with the operand forms the corpus lacks (a negated register pair,
`-R6.H0_H0`, a trailing immediate pair on HMUL2) and an RDNA one (v_pk_fma_f16 with
op_sel_hi:[0,1,1], v_pk_mul_f16, v_pk_add_f16, v_cvt_f32_f16) are lifted (--strict) and run
against NumPy.

    halves_test.py SWHOST PYTHON_DIR
"""
import sys
import tempfile

import numpy as np

from lifted_listing import lift_kernel, rdna_listing

sys.path.insert(0, sys.argv[2])
from switcheroo_grid import Grid, launch  # noqa: E402
from switcheroo_grid import halves  # noqa: E402

SASS = """\
\t.headerflags\t@"EF_CUDA_TEXMODE_UNIFIED EF_CUDA_64BIT_ADDRESS EF_CUDA_SM80 EF_CUDA_VIRTUAL_SM(EF_CUDA_SM80)"
        .global         pairs
pairs:
        /*0000*/                   S2R R0, SR_TID.X ;
        /*0010*/                   IMAD.WIDE R2, R0, 0x4, c[0x0][0x160] ;
        /*0020*/                   IMAD.WIDE R4, R0, 0x4, c[0x0][0x168] ;
        /*0030*/                   LDG.E R6, [R2.64] ;
        /*0040*/                   LDG.E R7, [R4.64] ;
        /*0050*/                   HFMA2 R8, -R6, R7.H0_H0, -R7 ;
        /*0060*/                   HADD2 R9, R8, -R6.H0_H0 ;
        /*0070*/                   HMUL2 R9, R9, -2, 0.5 ;
        /*0080*/                   STG.E [R2.64], R9 ;
        /*0090*/                   EXIT ;
.L_x_0:
        /*00a0*/                   BRA `(.L_x_0);
"""


def pack(low, high):
    return int(np.array([low, high], np.float16).view(np.uint32)[0])


def lanes(word):
    return tuple(np.array([word], np.uint32).view(np.float16).tolist())


def check(name, actual, expected):
    if actual != expected:
        sys.exit(f"{name}: {actual!r}, expected {expected!r}")


one_ulp = 1 + 2 ** -10  # 0x3C01
# (1 + 2^-10)^2 - (1 + 2^-9) is 2^-20, a subnormal half; rounding the product first gives 0
check("fma rounds once", lanes(Grid.half2("fma", pack(one_ulp, 2.0), pack(one_ulp, 3.0),
                                          pack(-(1 + 2 ** -9), 0.5))), (2.0 ** -20, 6.5))
check("add rounds to infinity", lanes(Grid.half2("add", pack(65504, 65504), pack(16, 8))),
      (float("inf"), 65504.0))
check("mul overflows", lanes(Grid.half2("mul", pack(300, -300), pack(300, 300))),
      (float("inf"), float("-inf")))
check("subnormal product", lanes(Grid.half2("mul", pack(2 ** -12, 1), pack(2 ** -12, 1))),
      (2.0 ** -24, 1.0))
check("-0 + -0", halves.half2("add", pack(-0.0, 0.0), pack(-0.0, -0.0)), 0x00008000)
check("low half in both", halves.half2("low", pack(1.5, -2.0)), pack(1.5, 1.5))
check("negated pair", halves.half2("neg", pack(1.5, -2.0)), pack(-1.5, 2.0))
check("F2FP.PACK_AB: high first", halves.half2("pack", 3.0, 0.1), pack(0.1, 3.0))
check("immediate pair 1, 1", halves.half2("pack", 1, 1), 0x3C003C00)
check("v_cvt_f16_f32 of 1e6", halves.half2("from_f32", 1e6), 0x7C00)
check("HADD2.F32 of -RZ and -0", halves.half2("add_f32", 0x80008000, 0x8000), 0x80000000)
check("NaN", halves.half2("mul", pack(0.0, 1.0), pack(float("inf"), 1.0)), pack(np.nan, 1.0))
# 1.5 + (2^-24 + 2^-60): a Python float rounds the sum to 1.5 + 2^-24, a tie in float32 that
# goes to even (1.5), where the exact sum is above the tie (1.5 + 2^-23); the mixed fma's
# float32 step rounds it as the exact sum
check("fma rounds to odd", np.float32(halves.fma(1.0, 1.5, 2 ** -24 + 2 ** -60)),
      np.float32(1.5 + 2 ** -23))

RDNA = rdna_listing("pairs", """
s_load_dwordx4 s[4:7], s[0:1], 0x0
s_load_dwordx2 s[8:9], s[0:1], 0x10
v_lshlrev_b32_e32 v0, 2, v0
s_waitcnt lgkmcnt(0)
global_load_dword v1, v0, s[4:5]
global_load_dword v2, v0, s[6:7]
s_waitcnt vmcnt(0)
v_pk_fma_f16 v3, v1, v2, v2 op_sel_hi:[0,1,1]
v_pk_mul_f16 v3, v3, v1
v_pk_add_f16 v3, v3, v2
v_cvt_f32_f16_e32 v4, v1
global_store_dword v0, v3, s[4:5]
global_store_dword v0, v4, s[8:9]
s_endpgm
""", 3)


def halves_of(rng, count):
    return rng.standard_normal((count, 2)).astype(np.float16)


def run_rdna(swhost):
    # per lane l: f = fma(x[0], y[l], y[l]); m = f * x[l]; out = m + y[l]; and x[0] as a float
    rng = np.random.default_rng(4)
    x, y = halves_of(rng, 37), halves_of(rng, 37)
    x[0], y[0] = (-0.0, 250.0), (300.0, 2.0)
    xs, ys = x.astype(np.float64), y.astype(np.float64)
    with np.errstate(over="ignore"):
        f = (xs[:, :1] * ys + ys).astype(np.float16).astype(np.float64)
        m = (f * xs).astype(np.float16).astype(np.float64)
        expected = (m + ys).astype(np.float16)
    words = x.view(np.uint32).reshape(-1).copy()
    floats = np.zeros(words.size, np.float32)
    with tempfile.TemporaryDirectory() as temp:
        kernel = lift_kernel(swhost, RDNA, "rdna", "pairs", temp)
        launch(kernel, 1, words.size, words, y.view(np.uint32).reshape(-1).copy(), floats)
    check("lifted v_pk_fma_f16 / v_pk_mul_f16 / v_pk_add_f16 listing",
          words.view(np.uint16).tolist(), expected.view(np.uint16).reshape(-1).tolist())
    check("lifted v_cvt_f32_f16", floats.view(np.uint32).tolist(),
          x[:, 0].astype(np.float32).view(np.uint32).tolist())


def run_listing(swhost):
    # per lane l of x and y: t = fma(-x[l], y[0], -y[l]); u = t + -x[0]; out = u * (0.5, -2)
    rng = np.random.default_rng(3)
    x, y = halves_of(rng, 37), halves_of(rng, 37)
    x[0], y[0] = (-0.0, 250.0), (300.0, 2.0)  # -0.0 in the low lane; the high lane overflows
    xs, ys = x.astype(np.float64), y.astype(np.float64)
    with np.errstate(over="ignore"):
        t = (-xs * ys[:, :1] - ys).astype(np.float16).astype(np.float64)
        u = (t - xs[:, :1]).astype(np.float16).astype(np.float64)
        expected = (u * np.array([0.5, -2.0])).astype(np.float16)
    words = x.view(np.uint32).reshape(-1).copy()
    with tempfile.TemporaryDirectory() as temp:
        kernel = lift_kernel(swhost, SASS, "sass", "pairs", temp, ".sass")
        launch(kernel, 1, words.size, words, y.view(np.uint32).reshape(-1).copy())
    check("lifted HFMA2 / HADD2 / HMUL2 listing", words.view(np.uint16).tolist(),
          expected.view(np.uint16).reshape(-1).tolist())


run_listing(sys.argv[1])
run_rdna(sys.argv[1])
print("halves: all cases agree")
