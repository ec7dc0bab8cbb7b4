#!/usr/bin/python3
"""The packed half-precision arithmetic that lifted code calls as `grid.half2(...)`
(python/switcheroo_grid/halves.py), on the cases where a plausible shortcut goes wrong: the fma
rounded once (an fma rounded after the product too gives 0 below), results past 65504 that
round to infinity or to 65504, subnormal results, -0.0, each lane on its own, and a float32
fma whose exact value a Python float does not hold (round to odd, then to float32).

    halves_test.py PYTHON_DIR
"""
import sys

import numpy as np

sys.path.insert(0, sys.argv[1])
from switcheroo_grid import Grid  # noqa: E402
from switcheroo_grid import halves  # noqa: E402


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
print("halves: all cases agree")
