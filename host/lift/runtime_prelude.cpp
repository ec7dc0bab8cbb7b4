// The helpers every lifted file starts with. Registers hold 32-bit patterns as Python ints;
// float instructions read them through f32() and write back through bits(), so integer and
// floating-point code mix exactly as on the GPU (where a value is only ever read as a float,
// float_values.h keeps it a float: fround() and FloatBuffer round as bits() does). Memory,
// barriers and built-in indices come from the `grid` object the caller passes
// (python/switcheroo_grid, installed under lib/switcheroo/python, is one).
#include "runtime_prelude.h"

#include <algorithm>

namespace switcheroo::lift {

const char* runtime_prelude() {
  return R"python(import fractions
import math
import struct


def u32(x):
    return int(x) & 0xFFFFFFFF


def s32(x):
    x = int(x) & 0xFFFFFFFF
    return x - (1 << 32) if x & 0x80000000 else x


def u64(x):
    return int(x) & 0xFFFFFFFFFFFFFFFF


def s64(x):
    x = int(x) & 0xFFFFFFFFFFFFFFFF
    return x - (1 << 64) if x >> 63 else x


def pair(low, high):
    return u32(low) | (u32(high) << 32)


def sext(x, width):
    x = int(x) & ((1 << width) - 1)
    return x - (1 << width) if x >> (width - 1) else x


def lo32(x):
    return u32(x)


def hi32(x):
    return u32(int(x) >> 32)


def split64(x):
    return u32(x), u32(int(x) >> 32)


def join_words(*words):
    return sum(u32(word) << (32 * i) for i, word in enumerate(words))


def split_words(x, count):
    return tuple(u32(int(x) >> (32 * i)) for i in range(count))


def halvings(start, stop=0, shift=1):
    # the counter of a bottom-tested loop that shifts it right on every trip (a tree's
    # `for (s = n / 2; s > 0; s >>= 1)`): start, then start >> shift, ... while the shifted
    # value is above stop; the first trip runs whatever start is, as the compiled loop's does
    value = start
    while True:
        yield value
        value >>= shift
        if value <= stop:
            return


def f32(x):
    return struct.unpack("<f", struct.pack("<I", u32(x)))[0]


def bits(x):
    try:
        return struct.unpack("<I", struct.pack("<f", x))[0]
    except OverflowError:
        return 0x7F800000 if x > 0 else 0xFF800000


def fround(x):
    # x rounded to float32 as bits() rounds it (a float32 value kept as a float)
    return f32(bits(x))


def cvt_u32(x):
    # float to unsigned: toward zero, saturating, NaN to 0 (V_CVT_U32_F32, F2I.U32)
    if math.isnan(x):
        return 0
    return 0 if x <= 0 else (0xFFFFFFFF if x >= 4294967296.0 else int(x))


def cvt_i32(x):
    # float to signed: toward zero, saturating, NaN to 0 (V_CVT_I32_F32, F2I)
    if math.isnan(x):
        return 0
    return max(-0x80000000, min(0x7FFFFFFF, int(x))) if math.isfinite(x) else (
        0x7FFFFFFF if x > 0 else -0x80000000)


def carry3(a, b, c):
    return (u32(a) + u32(b) + u32(c)) >> 32 != 0


def lop3(a, b, c, lut):
    a, b, c = u32(a), u32(b), u32(c)
    result = 0
    for index in range(8):
        if (lut >> index) & 1:
            result |= (a if index & 4 else ~a) & (b if index & 2 else ~b) & (c if index & 1 else ~c)
    return u32(result)


def plop3(a, b, c, lut):
    return bool((lut >> ((int(bool(a)) << 2) | (int(bool(b)) << 1) | int(bool(c)))) & 1)


def lea_hi(low, high, shift):
    return u32((pair(low, high) << shift) >> 32)


def prmt(a, selector, b):
    source = pair(a, b)
    return sum(((source >> (8 * ((selector >> (4 * i)) & 7))) & 0xFF) << (8 * i) for i in range(4))


def rcp(x):
    return math.copysign(math.inf, x) if x == 0 else 1.0 / x


def rsqrt(x):
    return math.inf if x == 0 else (math.nan if x < 0 else 1.0 / math.sqrt(x))


def exp2(x):
    try:
        return 2.0 ** x
    except OverflowError:
        return math.inf


def fchk(numerator, denominator):
    # True when the fast division path may be inexact (the slow path is not lifted).
    return denominator == 0 or not math.isfinite(numerator) or not math.isfinite(denominator)


def ftz(x):
    # .FTZ: a subnormal float32 (input or result) flushed to zero of the same sign
    return math.copysign(0.0, x) if x != 0 and abs(x) < 2.0 ** -126 else x


def sat(x):
    # .SAT: clamped to [0, 1], NaN to 0
    return 0.0 if math.isnan(x) or x <= 0 else min(x, 1.0)


def fmax(a, b):
    # float max as the GPU computes it (SASS FMNMX, PTX max.f32, RDNA v_max_f32): IEEE 754-2019
    # maximumNumber, the same for either operand order: a NaN loses to a number, +0.0 beats -0.0
    if math.isnan(b):
        return math.nan if math.isnan(a) else a
    if math.isnan(a):
        return b
    if a == b:
        return a if math.copysign(1.0, a) > 0 else b
    return a if a > b else b


def fmin(a, b):
    # float min as the GPU computes it (FMNMX with a true predicate, v_min_f32): IEEE 754-2019
    # minimumNumber, -0.0 below +0.0; the mirror image of fmax
    return -fmax(-a, -b)


def _f32_step(x, direction):
    # the float32 next to the float32 value x, toward +inf (direction 1) or -inf (-1)
    if x == 0:
        return direction * f32(1)
    return f32(bits(x) + 1 if (x > 0) == (direction > 0) else bits(x) - 1)


def round_f32(exact, mode):
    # the exact value (an int, float or Fraction) rounded to float32 toward 'rm' (-inf),
    # 'rp' (+inf) or 'rz' (zero)
    exact = fractions.Fraction(exact)
    top = f32(0x7F7FFFFF)
    if exact > top:
        return math.inf if mode == 'rp' else top
    if exact < -top:
        return -math.inf if mode == 'rm' else -top
    low = f32(bits(float(exact)))
    while fractions.Fraction(low) > exact:
        low = _f32_step(low, -1)
    while low < top and fractions.Fraction(_f32_step(low, 1)) <= exact:
        low = _f32_step(low, 1)
    if low == exact or mode == 'rm' or (mode == 'rz' and exact > 0):
        return low
    return _f32_step(low, 1)


def fma_rounded(a, b, c, mode):
    # a * b + c rounded once to float32 in a directed mode (FFMA.RM, .RP, .RZ)
    if not (math.isfinite(a) and math.isfinite(b) and math.isfinite(c)):
        return a * b + c
    return round_f32(fractions.Fraction(a) * fractions.Fraction(b) + fractions.Fraction(c), mode)


def fdiv(numerator, denominator):
    # IEEE division of float32 values: the double quotient rounds to the float32 one exactly
    # (53 >= 2 * 24 + 2 bits), as CUDA's div.rn.f32 computes it
    if denominator == 0:
        if numerator == 0 or math.isnan(numerator):
            return math.nan
        return math.copysign(math.inf, numerator) * math.copysign(1.0, denominator)
    return numerator / denominator


def udiv(a, b):
    # unsigned 32-bit a / b; a zero divisor gives 0xFFFFFFFF, as nvcc's expansion selects
    return u32(a) // u32(b) if u32(b) else 0xFFFFFFFF


def urem(a, b):
    return u32(a) % u32(b) if u32(b) else 0xFFFFFFFF


def sdiv(a, b):
    # signed 32-bit a / b truncated toward zero, as C divides, as a 32-bit pattern
    a, b = s32(a), s32(b)
    if b == 0:
        return 0xFFFFFFFF
    return u32(abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1))


def srem(a, b):
    # the remainder of sdiv: the numerator's sign
    a, b = s32(a), s32(b)
    if b == 0:
        return 0xFFFFFFFF
    return u32(abs(a) % abs(b) * (1 if a >= 0 else -1))


def udiv_amdgpu(a, b):
    # udiv as LLVM's AMDGPU expansion computes it: no test of the divisor, so a zero divisor
    # gives what its steps give, 2 for a = 0 and a + 1 otherwise
    return udiv(a, b) if u32(b) else (u32(a + 1) if u32(a) else 2)


def urem_amdgpu(a, b):
    # urem as LLVM's AMDGPU expansion computes it: a zero divisor gives a
    return urem(a, b) if u32(b) else u32(a)


def sdiv_amdgpu(a, b):
    # sdiv as LLVM's AMDGPU expansion computes it: a zero divisor gives 2 for a = 0, and
    # a + 1 or a - 1 (|a| + 1 with a's sign) otherwise
    a = s32(a)
    return sdiv(a, b) if s32(b) else (2 if a == 0 else u32(a + 1 if a > 0 else a - 1))


def srem_amdgpu(a, b):
    # srem as LLVM's AMDGPU expansion computes it: a zero divisor gives a
    return srem(a, b) if s32(b) else u32(a)


def expf(x):
    # CUDA's expf as nvcc inlines it, step for step (FFMA.SAT, FFMA.RM, MUFU.EX2): the
    # product before its rounding, which bits() does, as the last FMUL's lifted line did
    j = bits(fma_rounded(f32(bits(sat(x * f32(0x3bbb989d) + 0.5))), f32(0x437c0000), 12582913.0, 'rm'))
    r = bits(x * 1.4426950216293335 + -f32(bits(f32(j) + -12583039.0)))
    return f32(u32(j * 0x800000)) * f32(bits(exp2(f32(bits(x * 1.925963033500011e-08 + f32(r))))))


def half_bits(x):
    return struct.unpack("<H", struct.pack("<e", x))[0]


def f16(x):
    # the half-precision value in the low 16 bits (RDNA's 16-bit float instructions)
    return struct.unpack("<e", struct.pack("<H", u32(x) & 0xFFFF))[0]


def hfma2_immediate(a, b, high, low):
    # HFMA2 with a zero input: the result is the packed pair of half-precision immediates,
    # which the listing writes high half first.
    if u32(a) == 0 or u32(b) == 0:
        return half_bits(low) | (half_bits(high) << 16)
    raise NotImplementedError("HFMA2 with non-zero register inputs")


class Buffer:
    """Global memory from a pointer on, as an array of size-byte words (the bit patterns a
    register holds): view[i] is the word at address pointer + i * size."""

    def __init__(self, grid, pointer, size):
        self.grid, self.pointer, self.size = grid, pointer, size

    def __getitem__(self, index):
        return self.grid.load_global(u64(self.pointer + index * self.size), self.size)

    def __setitem__(self, index, value):
        self.grid.store_global(u64(self.pointer + index * self.size), value, self.size)


class FloatBuffer(Buffer):
    """A Buffer of float32 words read as floats: view[i] is f32(word), and a store writes
    bits(value), rounding it to float32."""

    def __init__(self, grid, pointer):
        super().__init__(grid, pointer, 4)

    def __getitem__(self, index):
        return f32(super().__getitem__(index))

    def __setitem__(self, index, value):
        super().__setitem__(index, bits(value))


class _Unlifted:
    """Instructions without semantics: calling one says so."""

    def __init__(self, isa):
        self.isa = isa

    def __getattr__(self, opcode):
        def call(*operands):
            raise NotImplementedError(f"{self.isa}.{opcode} has no lifted semantics")
        return call
)python";
}

std::set<std::string> prelude_names() {
  std::set<std::string> names;
  const std::string text = runtime_prelude();
  for (size_t at = 0; at < text.size();) {
    const size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    for (const std::string keyword : {"def ", "class ", "import "})
      if (line.compare(0, keyword.size(), keyword) == 0) {
        const size_t first = keyword.size();
        const size_t last = line.find_first_of("(: ", first);
        names.insert(line.substr(first, last == std::string::npos ? last : last - first));
      }
    at = end + 1;
  }
  return names;
}

}  // namespace switcheroo::lift
