#!/usr/bin/python3
"""Execution test of float values kept as floats (host/lift/float_values.cpp): a hand-written
SASS listing computing x = a * b + c (FFMA) and x * x (FMUL) per thread, stored to two
buffers, is lifted by swhost (--strict); every view of the lifted kernel must be a FloatBuffer
and its body free of bits() round trips, and under switcheroo_grid it must give, bit for bit,
what the bit-pattern spelling the lifter wrote before gives on the same words:
    x = bits(f32(a) * f32(b) + f32(c)),  y = bits(f32(x) * f32(x))
on quiet and signalling NaNs with payloads, infinities, both zeros, subnormals, overflow and
random words. It also checks the identity the stores rest on, bits(f32(bits(d))) == bits(d),
and fround(d) == f32(bits(d)), on random doubles.

    float_values_test.py SWHOST PYTHON_DIR
"""
import os
import random
import struct
import sys
import tempfile

import numpy as np

from lifted_listing import lift_kernel

SASS = """\
\t.headerflags\t@"EF_CUDA_TEXMODE_UNIFIED EF_CUDA_64BIT_ADDRESS EF_CUDA_SM80 EF_CUDA_VIRTUAL_SM(EF_CUDA_SM80)"
        .global         floats
floats:
        /*0000*/                   S2R R0, SR_TID.X ;
        /*0010*/                   IMAD.WIDE R2, R0, 0x4, c[0x0][0x160] ;
        /*0020*/                   IMAD.WIDE R4, R0, 0x4, c[0x0][0x168] ;
        /*0030*/                   IMAD.WIDE R6, R0, 0x4, c[0x0][0x170] ;
        /*0040*/                   LDG.E R8, [R2.64] ;
        /*0050*/                   LDG.E R9, [R4.64] ;
        /*0060*/                   LDG.E R10, [R6.64] ;
        /*0070*/                   FFMA R11, R8, R9, R10 ;
        /*0080*/                   FMUL R12, R11, R11 ;
        /*0090*/                   IMAD.WIDE R2, R0, 0x4, c[0x0][0x178] ;
        /*00a0*/                   IMAD.WIDE R4, R0, 0x4, c[0x0][0x180] ;
        /*00b0*/                   STG.E [R2.64], R11 ;
        /*00c0*/                   STG.E [R4.64], R12 ;
        /*00d0*/                   EXIT ;
.L_x_0:
        /*00e0*/                   BRA `(.L_x_0);
"""

SPECIAL = [0x7FC01234, 0xFFC00001, 0x7F800001, 0x7FBFFFFF, 0x7F800000, 0xFF800000, 0x00000000,
           0x80000000, 0x00000001, 0x807FFFFF, 0x7F7FFFFF, 0xFF7FFFFF, 0x3F800000, 0x33800000,
           0x3F800001, 0x4B800001, 0x1F800000, 0x5F800000]


def words(count, rng):
    picked = [rng.choice(SPECIAL) if rng.random() < 0.3 else rng.getrandbits(32)
              for _ in range(count)]
    return np.array(picked, np.uint32)


def main():
    swhost, python_dir = sys.argv[1:3]
    sys.path.insert(0, python_dir)
    from switcheroo_grid import launch

    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as temp:
        kernel = lift_kernel(swhost, SASS, "floats", "floats", temp)
        with open(os.path.join(temp, "floats.py")) as handle:
            body = handle.read().split("\ndef floats(")[1]
    assert "FloatBuffer" in body and "= Buffer(" not in body and "bits(" not in body, body
    prelude = kernel.__globals__
    bits, f32, fround = prelude["bits"], prelude["f32"], prelude["fround"]
    count = 1024
    a, b, c = (words(count, rng) for _ in range(3))
    x, y = np.zeros(count, np.uint32), np.zeros(count, np.uint32)
    launch(kernel, 1, count, *(v.view(np.float32) for v in (a, b, c, x, y)))
    for i in range(count):
        want_x = bits(f32(a[i]) * f32(b[i]) + f32(c[i]))
        want_y = bits(f32(want_x) * f32(want_x))
        assert (int(x[i]), int(y[i])) == (want_x, want_y), (i, hex(a[i]), hex(b[i]), hex(c[i]))
    for _ in range(100000):
        d = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        assert bits(f32(bits(d))) == bits(d) and bits(fround(d)) == bits(d), d.hex()
    print("ok")


if __name__ == "__main__":
    main()
