#!/usr/bin/python3
"""Execution test of nvcc's integer division folded into `sdiv`/`srem`/`udiv`/`urem`, and
LLVM's AMDGPU one into `sdiv_amdgpu`/... (host/lift/integer_division.h), beyond the
fixtures' own launches (one divisor each):

1. the `int_divide` and `uint_divide` sm_80 -O2 fixtures, lifted by swhost, must call the
   helpers and run under switcheroo_grid, for each of 13 divisors (0, 1, -1, INT_MIN,
   INT_MAX, powers of two, ...), on 64 numerators, to what C computes (a zero divisor gives
   0xFFFFFFFF, as the listing's test of the divisor selects);
2. the expansion as the lifter wrote it before the fold (sm_80 -O2, both kinds) must equal the
   helpers of the lifted file's prelude on every pair of 60 divisors and 80 numerators;
3. likewise for RDNA: the gfx1030 and gfx1100 -O2 fixtures must call the `_amdgpu` helpers
   and run to what the unfolded expansion computes, which (2) checks on the same pairs and
   on 20,000 random ones: C's result for a non-zero divisor; for 0, what LLVM's steps give
   (no test of the divisor: 2 for a zero numerator, else |x| + 1 with x's sign; remainder x).

    integer_division_test.py SWHOST PYTHON_DIR FIXTURES_DIR (with sass/ and rdna/)
"""
import os
import random
import subprocess
import sys
import tempfile

import numpy as np

EXPANSION = """
def signed_expansion(val, p3):
    t = u32(abs(s32(p3)))
    t2 = cvt_u32(f32(u32(bits(rcp(f32(bits(round_f32(s32(t), 'rp'))))) + 0xffffffe)))
    t3 = u32((u32(t2) * u32(u32(u32(-t2) * t)) + pair(0, t2)) >> 32)
    t4 = u32(u32(abs(s32(val))))
    cond = (s32(lop3(val, p3, 0, 60)) >= 0)
    t5 = u32((u32(t3) * u32(t4)) >> 32)
    t6 = u32(t * u32(-t5) + t4)
    if not (u32(t) > u32(t6)):
        t6 = u32(t6 + -t)
        t5 = u32(t5 + 1)
    t7 = lop3(0, p3, 0, 51)
    if (u32(t6) >= u32(t)):
        t5 = u32(t5 + 1)
    cond2 = (0 != s32(p3))
    t8 = u32(t5)
    if not cond:
        t8 = u32(-t8)
    quotient = (t7 if (not cond2) else t8)
    t9 = u32(abs(s32(val)))
    cond3 = (s32(val) >= 0)
    t10 = u32(t * u32(-u32((u32(t3) * u32(t9)) >> 32)) + t9)
    if not (u32(t) > u32(t10)):
        t10 = u32(t10 + -t)
    if not (u32(t) > u32(t10)):
        t10 = u32(t10 + -t)
    if not cond3:
        t10 = u32(-t10)
    return quotient, (t7 if (not cond2) else t10)


def unsigned_expansion(val, p3):
    t = lop3(0, p3, 0, 51)
    t2 = cvt_u32(f32(u32(bits(rcp(f32(bits(round_f32(u32(p3), 'rp'))))) + 0xffffffe)))
    t3 = u32((u32(t2) * u32(u32(u32(-t2) * p3)) + pair(0, t2)) >> 32)
    t4 = u32((u32(t3) * u32(val)) >> 32)
    t5 = u32(u32(-t4) * p3 + val)
    if (u32(t5) >= u32(p3)):
        t5 = u32(t5 + -p3)
        t4 = u32(t4 + 1)
    cond = (0 != u32(p3))
    if (u32(t5) >= u32(p3)):
        t4 = u32(t4 + 1)
    quotient = (t if (not cond) else t4)
    t6 = u32(u32(-u32((u32(t3) * u32(val)) >> 32)) * p3 + val)
    if (u32(t6) >= u32(p3)):
        t6 = u32(t6 + -p3)
    if (u32(t6) >= u32(p3)):
        t6 = u32(t6 + -p3)
    return quotient, (t if (not cond) else t6)


def amdgpu_unsigned_expansion(val, p3):
    t2 = cvt_u32(f32(bits(4294966784.0 * f32(bits(rcp(f32(bits(float(u32(p3))))))))))
    t3 = u32(t2 + u32((u32(t2) * u32(u32(u32(0 - p3) * t2))) >> 32))
    t4 = u32((u32(val) * u32(t3)) >> 32)
    t5 = u32(val - u32(t4 * p3))
    cond3 = int(u32(p3) <= u32(t5))
    t6 = u32(1 + t4) if cond3 else t4
    quotient = (u32(1 + t6) if u32(p3) <= u32((u32(t5 - p3) if cond3 else t5)) else t6)
    t7 = u32(val - u32(u32((u32(val) * u32(t3)) >> 32) * p3))
    t8 = u32(t7 - p3) if u32(p3) <= u32(t7) else t7
    return quotient, (u32(t8 - p3) if u32(p3) <= u32(t8) else t8)


def amdgpu_signed_expansion(val, p3):
    t3 = u32(s32(p3) >> 31)
    t4 = u32(p3 + t3)
    t5, cond2 = u32(t4) ^ u32(t3), int(u32(t4) ^ u32(t3) != 0)
    v5 = bits(rcp(f32(bits(float(u32(t5))))))
    t6 = u32(0 - t5)
    t7 = u32(s32(val) >> 31)
    t8 = cvt_u32(f32(bits(4294966784.0 * f32(v5))))
    t9 = u32(u32(val + t7)) ^ u32(t7)
    t10 = u32(t3) ^ u32(t7)
    t11 = u32(t8 + u32((u32(t8) * u32(u32(t6 * t8))) >> 32))
    t12 = u32((u32(t9) * u32(t11)) >> 32)
    t13 = u32(t9 - u32(t12 * t5))
    cond3 = int(u32(t5) <= u32(t13))
    t14 = u32(1 + t12) if cond3 else t12
    cond4 = int(u32(t5) <= u32((u32(t13 - t5) if cond3 else t13)))
    quotient = u32((u32((u32(1 + t14) if cond4 else t14)) ^ u32(t10)) - t10)
    t15 = u32(s32(val) >> 31)
    t16 = u32(u32(val + t15)) ^ u32(t15)
    t17 = u32(t16 - u32(u32((u32(t16) * u32(t11)) >> 32) * t5))
    t18 = u32(t17 - t5) if u32(t5) <= u32(t17) else t17
    return quotient, u32((u32((u32(t18 - t5) if u32(t5) <= u32(t18) else t18)) ^ u32(t15)) - t15)
"""

INT_MIN, INT_MAX = -(1 << 31), (1 << 31) - 1
EDGES = [0, 1, 2, 3, 7, -1, -2, -7, INT_MAX, -INT_MAX, INT_MIN, 1000003, 65536, 1 << 30]


def c_division(x, d, signed):
    """What C (and the hardware for d == 0 and INT_MIN / -1) gives, as 32-bit patterns."""
    if d == 0:
        return 0xFFFFFFFF, 0xFFFFFFFF
    if not signed:
        return (x % (1 << 32)) // (d % (1 << 32)), (x % (1 << 32)) % (d % (1 << 32))
    q = abs(x) // abs(d) * (1 if (x < 0) == (d < 0) else -1)
    return q % (1 << 32), (x - q * d) % (1 << 32)


def lift(swhost, listing, temp, module):
    out = os.path.join(temp, module + ".py")
    run = subprocess.run([swhost, "convert", listing, "--target", "python", "--out", out],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"swhost failed ({run.returncode}):\n{run.stderr}")
    with open(out) as handle:
        return handle.read()


def run_lifted(text, kernel, signed, launch, division=c_division):
    """Runs the lifted kernel for 13 divisors; `division(x, d, signed)` is what it must give."""
    namespace = {}
    exec(compile(text, kernel, "exec"), namespace)
    dtype = np.int32 if signed else np.uint32
    rng = np.random.default_rng(14)
    x = np.array(EDGES + list(rng.integers(INT_MIN, INT_MAX, 64 - len(EDGES))), np.int64)
    x = x.astype(dtype)
    for d in EDGES[:13] if signed else [e % (1 << 32) for e in EDGES[:13]]:
        q, r = np.zeros(x.size, dtype), np.zeros(x.size, dtype)
        launch(namespace[kernel], (4, 1, 1), (16, 1, 1), x, q, r, d, x.size)
        expected = [division(int(v), int(d), signed) for v in x]
        assert [int(v) % (1 << 32) for v in q] == [e[0] for e in expected], (kernel, d)
        assert [int(v) % (1 << 32) for v in r] == [e[1] for e in expected], (kernel, d)
    return namespace


def check_amdgpu(swhost, fixtures, launch, expansions, temp):
    """The RDNA fixtures fold to the `_amdgpu` helpers and run to what the expansion gives."""

    def unfolded(x, d, signed):
        kind = "signed" if signed else "unsigned"
        return expansions[f"amdgpu_{kind}_expansion"](x % (1 << 32), d % (1 << 32))

    for target in ("gfx1030", "gfx1100"):
        for kind, signed in (("int_divide", True), ("uint_divide", False)):
            text = lift(swhost, os.path.join(fixtures, "rdna", f"{kind}.O2.{target}.s"), temp,
                        f"{kind}_{target}")
            helpers = ("sdiv_amdgpu(", "srem_amdgpu(") if signed else ("udiv_amdgpu(", "urem_amdgpu(")
            body = text[text.index(f"def {kind}("):]
            assert all(helper in body for helper in helpers), (kind, target)
            assert "4294966784.0" not in body, (kind, target)
            run_lifted(text, kind, signed, launch, unfolded)


def check_amdgpu_helpers(namespace, rng, pairs):
    """The unfolded AMDGPU expansion equals the helpers on `pairs`, C's result for d != 0."""
    for x, d in pairs:
        s = (namespace["sdiv_amdgpu"](x, d), namespace["srem_amdgpu"](x, d))
        u = (namespace["udiv_amdgpu"](x, d), namespace["urem_amdgpu"](x, d))
        assert namespace["amdgpu_signed_expansion"](x, d) == s, (x, d)
        assert namespace["amdgpu_unsigned_expansion"](x, d) == u, (x, d)
        if d % (1 << 32):
            assert s == c_division(namespace["s32"](x), namespace["s32"](d), True), (x, d)
            assert u == c_division(x % (1 << 32), d % (1 << 32), False), (x, d)
    assert namespace["udiv_amdgpu"](0, 0) == 2 and namespace["udiv_amdgpu"](5, 0) == 6
    assert namespace["sdiv_amdgpu"](-5, 0) == (-6) % (1 << 32) and namespace["srem_amdgpu"](-5, 0) == (-5) % (1 << 32)


def main():
    swhost, python_dir, fixtures = sys.argv[1:4]
    sys.path.insert(0, python_dir)
    from switcheroo_grid import launch

    with tempfile.TemporaryDirectory() as temp:
        texts = {kind: lift(swhost, os.path.join(fixtures, "sass", f"{kind}.O2.sm_80.nvdisasm.sass"),
                            temp, kind) for kind in ("int_divide", "uint_divide")}
    assert "sdiv(" in texts["int_divide"] and "srem(" in texts["int_divide"]
    assert "udiv(" in texts["uint_divide"] and "urem(" in texts["uint_divide"]
    namespace = run_lifted(texts["int_divide"], "int_divide", True, launch)
    run_lifted(texts["uint_divide"], "uint_divide", False, launch)

    exec(EXPANSION, namespace)
    rng = random.Random(14)
    divisors = EDGES + [rng.getrandbits(32) for _ in range(23)] + [rng.randint(1, 4096) for _ in range(23)]
    numerators = EDGES + [rng.getrandbits(32) for _ in range(66)]
    pairs = 0
    for d in divisors:
        for x in numerators:
            s = (namespace["sdiv"](x, d), namespace["srem"](x, d))
            u = (namespace["udiv"](x, d), namespace["urem"](x, d))
            assert namespace["signed_expansion"](x, d) == s, (x, d)
            assert namespace["unsigned_expansion"](x, d) == u, (x, d)
            assert s == c_division(namespace["s32"](x), namespace["s32"](d), True), (x, d)
            pairs += 1
    grid = [(x % (1 << 32), d % (1 << 32)) for d in divisors for x in numerators]
    grid += [(rng.getrandbits(32), rng.getrandbits(rng.choice((4, 12, 20, 32)))) for _ in range(20000)]
    check_amdgpu_helpers(namespace, rng, grid)
    with tempfile.TemporaryDirectory() as temp:
        check_amdgpu(swhost, fixtures, launch, namespace, temp)
    print(f"ok: {pairs} pairs (nvcc), {len(grid)} pairs (AMDGPU)")


if __name__ == "__main__":
    main()
