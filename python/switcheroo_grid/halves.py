"""Packed half-precision arithmetic for lifted code: `grid.half2(operation, ...)`.

Registers hold 32-bit patterns; a packed pair holds one IEEE binary16 value in the low 16 bits
and one in the high 16 bits. Each operation computes lane by lane with one rounding to nearest
even, as SASS HADD2 / HMUL2 / HFMA2 and RDNA v_pk_add_f16 / v_pk_mul_f16 / v_pk_fma_f16 do:
sums and products of halves are exact in a Python float, and an fma is rounded to odd in a
Python float first (53 bits, more than 11 + 2), so the rounding to half is the only one that
counts. A NaN result is the quiet NaN 0x7E00 whatever the inputs' payloads.
"""
import fractions
import math
import struct

HALF_MAX_ROUNDING = 65520.0  # the least magnitude that rounds to infinity


def _f32(word):
    return struct.unpack("<f", struct.pack("<I", word & 0xFFFFFFFF))[0]


def _f32_bits(value):
    try:
        return struct.unpack("<I", struct.pack("<f", value))[0]
    except OverflowError:
        return 0x7F800000 if value > 0 else 0xFF800000


def half(bits16):
    """The half-precision value of a 16-bit pattern, as a Python float."""
    return struct.unpack("<e", struct.pack("<H", bits16 & 0xFFFF))[0]


def half_bits(value):
    """A Python float rounded to half precision (nearest even), as a 16-bit pattern."""
    if math.isnan(value):
        return 0x7E00
    if abs(value) >= HALF_MAX_ROUNDING:
        return 0x7C00 if value > 0 else 0xFC00
    return struct.unpack("<H", struct.pack("<e", value))[0]


def _lanes(word):
    return half(word), half(word >> 16)


def _pack(low, high):
    return half_bits(low) | (half_bits(high) << 16)


def round_to_odd(exact):
    """A Fraction as the Python float next to it whose last bit is odd, unless it is exact:
    rounding that float to a narrower format gives the exact value's rounding."""
    value = float(exact)
    if fractions.Fraction(value) == exact:
        return value
    if struct.unpack("<Q", struct.pack("<d", value))[0] & 1 == 0:
        value = math.nextafter(value, math.inf if fractions.Fraction(value) < exact else -math.inf)
    return value


def fma(a, b, c):
    """a * b + c as a Python float rounded to odd (see round_to_odd), one rounding left to do."""
    if not (math.isfinite(a) and math.isfinite(b) and math.isfinite(c)):
        return a * b + c
    return round_to_odd(fractions.Fraction(a) * fractions.Fraction(b) + fractions.Fraction(c))


def _lanewise(operation, words):
    lanes = [_lanes(word) for word in words]
    return _pack(*(operation(*(lane[i] for lane in lanes)) for i in range(2)))


def _add_f32(a, b):
    # HADD2.F32: the low halves' sum as a float32 (the conversion of a half when one is -0)
    low_a, low_b = half(a), half(b)
    return _f32_bits(low_a + low_b)


def _mix_fma_to_half(a, b, c):
    # RDNA v_fma_mixlo_f16: the float32 fma of float32 operands, converted to half (as LLVM
    # selects it for fptrunc(fma(float, float, float)))
    return half_bits(_f32(_f32_bits(fma(a, b, c))))


OPERATIONS = {
    "add": lambda a, b: _lanewise(lambda x, y: x + y, (a, b)),
    "mul": lambda a, b: _lanewise(lambda x, y: x * y, (a, b)),
    "fma": lambda a, b, c: _lanewise(fma, (a, b, c)),
    # operand selection: `.H0_H0` (the low half in both halves) and a negated pair
    "low": lambda a: (a & 0xFFFF) * 0x10001,
    "neg": lambda a: (a & 0xFFFFFFFF) ^ 0x80008000,
    "add_f32": _add_f32,
    # two floats to a packed pair, the first in the high half (SASS F2FP.PACK_AB)
    "pack": lambda high, low: _pack(low, high),
    # one float to a half in the low 16 bits, the high ones zero (RDNA v_cvt_f16_f32)
    "from_f32": lambda value: half_bits(value),
    "mix_fma": _mix_fma_to_half,
}


def half2(operation, *operands):
    """`grid.half2(operation, ...)`: the packed pair (or float32 pattern) the operation gives;
    operands are 32-bit patterns, except floats where the operation converts them."""
    return OPERATIONS[operation](*operands)
