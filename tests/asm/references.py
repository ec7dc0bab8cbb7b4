"""NumPy references for the lifted fixtures: for each kernel, a launch (grid, block, arguments)
and the arrays it must leave behind. Sizes are chosen to leave remainders: element counts that
are not multiples of the block size, the launch's thread count or an unroll factor.

`case(kernel, isa, rng)` returns a Case; check_lifted.py launches the lifted function with
switcheroo_grid and compares each output array with its expected values.
"""
import fractions

import numpy as np


class Case:
    def __init__(self, grid, block, arguments, outputs, tolerance=1e-5, barriers=False,
                 constant_banks=None, symbols=None):
        self.grid, self.block, self.arguments = grid, block, arguments
        self.outputs = outputs  # [(array given as an argument, expected values)]
        self.tolerance, self.barriers = tolerance, barriers
        self.constant_banks = constant_banks  # SASS: {bank: bytes} of __constant__ data
        self.symbols = symbols  # RDNA: {name: array} of data symbols read by address


def _floats(rng, *shape):
    return rng.standard_normal(shape).astype(np.float32)


def elementwise(isa, rng):
    n = 45
    x, other, out = _floats(rng, n), _floats(rng, n), np.zeros(n, np.float32)
    block = (256, 1, 1) if isa == "rdna" else (16, 1, 1)
    return Case((3, 1, 1) if isa == "sass" else (1, 1, 1), block, [x, other, out, 1.5, n],
                [(out, x * np.float32(1.5) + other)])


def branchy(isa, rng):
    n = 45
    x, out = _floats(rng, n), np.zeros(n, np.float32)
    block = (256, 1, 1) if isa == "rdna" else (16, 1, 1)
    expected = np.where(x < 0, x * np.float32(0.25), np.minimum(x, np.float32(0.8)))
    return Case((3, 1, 1) if isa == "sass" else (1, 1, 1), block, [x, out, 0.25, 0.8, n],
                [(out, expected)])


def grid_stride(isa, rng):
    n = 45
    x, y = _floats(rng, n), _floats(rng, n)
    expected = np.float32(2.0) * x + y
    if isa == "rdna":  # the OpenCL kernel takes its stride
        return Case((1, 1, 1), (16, 1, 1), [x, y, 2.0, n, 16], [(y, expected)])
    return Case((2, 1, 1), (8, 1, 1), [x, y, 2.0, n], [(y, expected)])


def softmax(isa, rng):
    rows, cols = 5, 7
    values = _floats(rng, rows, cols) * np.float32(3)
    values[1, 2] = 120  # the rest of row 1 underflows in expf (its saturated step)
    out = np.zeros((rows, cols), np.float32)
    e = np.exp(values - values.max(axis=1, keepdims=True))
    launch = ((2, 1, 1), (4, 1, 1)) if isa == "sass" else ((1, 1, 1), (8, 1, 1))
    return Case(*launch, [values, out, rows, cols], [(out, e / e.sum(axis=1, keepdims=True))])


def reduce_sum(isa, rng):
    grid, block = ((3, 1, 1), (64, 1, 1)) if isa == "sass" else ((2, 1, 1), (256, 1, 1))
    n = 150 if isa == "sass" else 300
    values, out = _floats(rng, n), np.zeros(grid[0], np.float32)
    padded = np.zeros(grid[0] * block[0], np.float64)
    padded[:n] = values
    # float32 tree sums against a float64 reference
    return Case(grid, block, [values, out, n], [(out, padded.reshape(grid[0], -1).sum(axis=1))],
                tolerance=1e-4, barriers=True)


def _gemm(m, n, k, rng, grid, block, barriers):
    a, b, out = _floats(rng, m, k), _floats(rng, k, n), np.zeros((m, n), np.float32)
    return Case(grid, block, [a, b, out, m, n, k], [(out, a @ b)], barriers=barriers)


def gemm_naive(isa, rng):
    block = (16, 16, 1) if isa == "rdna" else (8, 8, 1)
    return _gemm(5, 6, 7, rng, (1, 1, 1), block, False)


def gemm_tiled(isa, rng):
    # 16x16 tiles; m = 17 and n = 5 leave rows and columns of the block outside C, k = 20 a
    # partial second tile.
    return _gemm(17, 5, 20, rng, (1, 2, 1), (16, 16, 1), True)


def conv2d(isa, rng, fixture=""):
    channels, height, width, kernel, out_channels = 2, 7, 6, 3, 2
    # clang 16.0.6's gfx1100 listing keeps the outer loop's guard mask in s18 and overwrites it
    # with the weight pointer in the inner loop (`s_mov_b64 s[18:19], s[16:17]`), so after the
    # first input channel every channel is skipped; the lifted code computes what the listing
    # says, which is this.
    summed = 1 if "gfx1100" in fixture else channels
    image = _floats(rng, channels, height, width)
    weight = _floats(rng, out_channels, channels, kernel, kernel)
    out_h, out_w = height - kernel + 1, width - kernel + 1
    out = np.zeros((out_channels, out_h, out_w), np.float32)
    expected = np.zeros_like(out)
    for y in range(out_h):
        for x in range(out_w):
            window = image[:, y:y + kernel, x:x + kernel]
            expected[:, y, x] = (weight * window)[:, :summed].sum(axis=(1, 2, 3))
    # RDNA: 16x16 work-groups (the OpenCL kernel's fixed size); SASS: 3x3 blocks leave a partial
    # second block on both axes
    grid, block = ((1, 1, 2), (16, 16, 1)) if isa == "rdna" else ((2, 2, 2), (3, 3, 1))
    return Case(grid, block, [image, weight, out, channels, height, width, kernel],
                [(out, expected)], tolerance=1e-4)


# The portable kernels (kernels/portable/*.cu, one source for both vendors) read their block
# size, so both run the same launches.
def saxpy(isa, rng):
    n = 45  # 2 blocks of 8: three trips of the grid-stride loop, the last partial
    x, y = _floats(rng, n), _floats(rng, n)
    return Case((2, 1, 1), (8, 1, 1), [x, y, -0.75, n], [(y, np.float32(-0.75) * x + y)])


def _divisions(rng, n, signed):
    if signed:
        x = rng.integers(-2**31, 2**31, n, dtype=np.int64)
        x[:6] = [0, -1, 2**31 - 1, -2**31 + 1, 7, -7]
        return x.astype(np.int32)
    x = rng.integers(0, 2**32, n, dtype=np.uint64)
    x[:4] = [0, 1, 2**32 - 1, 2**31]
    return x.astype(np.uint32)


def int_divide(isa, rng):
    n = 37
    x = _divisions(rng, n, True)
    d = -7
    q, r = np.zeros(n, np.int32), np.zeros(n, np.int32)
    # C truncates toward zero
    expected_q = (np.abs(x.astype(np.int64)) // abs(d) * np.sign(x) * np.sign(d)).astype(np.int32)
    expected_r = (x.astype(np.int64) - expected_q.astype(np.int64) * d).astype(np.int32)
    return Case((3, 1, 1), (16, 1, 1), [x, q, r, d, n], [(q, expected_q), (r, expected_r)])


def uint_divide(isa, rng):
    n = 37
    x = _divisions(rng, n, False)
    d = 1000003
    q, r = np.zeros(n, np.uint32), np.zeros(n, np.uint32)
    return Case((3, 1, 1), (16, 1, 1), [x, q, r, d, n], [(q, x // np.uint32(d)), (r, x % np.uint32(d))])


def bias_leaky_relu(isa, rng):
    rows, channels = 6, 7
    x, bias = _floats(rng, rows, channels), _floats(rng, channels)
    out = np.zeros((rows, channels), np.float32)
    v = x + bias
    expected = np.where(v > 0, v, v * np.float32(0.1))
    return Case((3, 1, 1), (16, 1, 1), [x, bias, out, 0.1, channels, rows * channels],
                [(out, expected)])


def index64(isa, rng):
    n = 45
    x, out = _floats(rng, n), np.zeros(n, np.float32)
    return Case((3, 1, 1), (16, 1, 1), [x, out, 3.0, n], [(out, x * np.float32(3.0))])


def vector4(isa, rng):
    n4 = 11
    x, y, out = _floats(rng, n4, 4), _floats(rng, n4, 4), np.zeros((n4, 4), np.float32)
    return Case((2, 1, 1), (8, 1, 1), [x, y, out, 0.5, n4], [(out, x * np.float32(0.5) + y)])


def histogram(isa, rng):
    n, bins = 45, 5
    # Values up to 2^31 - 1: a division estimate that is off by more than the corrections fix
    # (histogram on gfx1100 before its dual-issue line was read in order) shows only there.
    values = rng.integers(0, 1 << 31, n).astype(np.int32)
    counts = np.zeros(bins, np.int32)
    return Case((3, 1, 1), (16, 1, 1), [values, counts, bins, n],
                [(counts, np.bincount(values % bins, minlength=bins).astype(np.int32))])


def row_max(isa, rng):
    rows, cols = 9, 6
    x = rng.integers(-1000, 1000, (rows, cols)).astype(np.int32)
    out = np.zeros(rows, np.int32)
    return Case((2, 1, 1), (8, 1, 1), [x, out, rows, cols], [(out, x.max(axis=1))])


def half_compare(isa, rng):
    # Negative values, signed zeros, infinities and NaNs: the cases a comparison of the raw
    # 16-bit patterns as integers gets wrong.
    special = np.array([0.0, -0.0, -0.0, 0.0, np.inf, -np.inf, np.nan, 1.0, -2.5, np.nan,
                        65504.0, -65504.0, 6e-8, -6e-8], np.float16)
    others = np.array([-0.0, 0.0, 1.0, -1.0, -np.inf, np.inf, 1.0, np.nan, -2.5, np.nan,
                       np.inf, -np.inf, -6e-8, 6e-8], np.float16)
    n = 45
    x = np.concatenate([special, rng.standard_normal(n - len(special)).astype(np.float16)])
    y = np.concatenate([others, rng.standard_normal(n - len(others)).astype(np.float16)])
    y[20:25] = x[20:25]
    with np.errstate(invalid="ignore"):
        expected = ((x < y) * 1 | (x > y) * 2 | (x == y) * 4 | ~(x <= y) * 8
                    | (x >= 0) * 16).astype(np.int32)
    out = np.zeros(n, np.int32)
    return Case((3, 1, 1), (16, 1, 1), [x, y, out, n], [(out, expected)])


def _exact_fma(a, x, y):
    """a * x + y in float64 for float16 / float32 operands, asserted exact, so that the one
    rounding left (to float16 or float32) is the only one, as on the GPU's fma."""
    result = np.float64(a) * x + y
    exact = fractions.Fraction
    for r, p, q in zip(np.ravel(result), np.ravel(x), np.ravel(y)):
        assert exact(float(r)) == exact(float(a)) * exact(float(p)) + exact(float(q))
    return result


def half_axpy(isa, rng):
    # 45 halves: 22 pairs and the odd last element. Pairs: (x + y) * (a * x + y) with a the
    # float alpha rounded to half, each step rounded to half (the fma once); the last element:
    # alpha * x + y as one float32 fma, rounded to half. 300 + 300 overflows to infinity in the
    # product, 1e-4 * 1e-3 underflows into the subnormals.
    n, alpha = 45, 1.7
    x = rng.standard_normal(n).astype(np.float16)
    y = rng.standard_normal(n).astype(np.float16)
    x[3], y[3], x[8], y[8] = 300.0, 300.0, 1e-4, 1e-3
    xs, ys = x.astype(np.float64), y.astype(np.float64)
    # sums and products of two halves are exact in float64: one rounding, to half
    fma = _exact_fma(np.float16(alpha), xs, ys).astype(np.float16)
    with np.errstate(over="ignore"):  # the 300s overflow to infinity, as on the GPU
        expected = ((xs + ys).astype(np.float16).astype(np.float64) * fma).astype(np.float16)
    expected[-1] = np.float16(np.float32(_exact_fma(np.float32(alpha), xs[-1:], ys[-1:])[0]))
    out = np.zeros(n, np.uint16)
    return Case((2, 1, 1), (16, 1, 1), [x, y, out, alpha, n], [(out, expected.view(np.uint16))])


def block_sum(isa, rng):
    grid, block, n = (3, 1, 1), (32, 1, 1), 75  # the third block is partly past n
    x, sums = _floats(rng, n), np.zeros(grid[0], np.float32)
    padded = np.zeros(grid[0] * block[0], np.float64)
    padded[:n] = x
    return Case(grid, block, [x, sums, n], [(sums, padded.reshape(grid[0], -1).sum(axis=1))],
                tolerance=1e-4, barriers=True)


def softmax_row(isa, rng):
    rows, cols = 5, 11  # 11 columns: the unrolled loops' remainders run
    values = _floats(rng, rows, cols) * np.float32(3)
    values[1, 2] = 120  # the rest of row 1 underflows in expf (its saturated step)
    out = np.zeros((rows, cols), np.float32)
    e = np.exp(values - values.max(axis=1, keepdims=True))
    return Case((2, 1, 1), (4, 1, 1), [values, out, rows, cols],
                [(out, e / e.sum(axis=1, keepdims=True))])


def matmul(isa, rng):
    # 4x4 blocks over a 7x6 C: partial blocks on both axes; k = 9 leaves an unroll remainder
    return _gemm(7, 6, 9, rng, (2, 2, 1), (4, 4, 1), False)


def grid_clamp(isa, rng):
    n = 45  # 2 blocks of 8: three trips of the grid-stride loop, the last partial
    x, out = _floats(rng, n), np.zeros(n, np.float32)
    return Case((2, 1, 1), (8, 1, 1), [x, out, -0.5, 0.75, n],
                [(out, np.minimum(np.maximum(x, np.float32(-0.5)), np.float32(0.75)))])


def strided_copy64(isa, rng):
    n, stride, offset = 37, 3, 2
    x, out = _floats(rng, n * stride + offset), np.zeros(n, np.float32)
    return Case((3, 1, 1), (16, 1, 1), [x, out, stride, offset, n],
                [(out, x[offset::stride][:n])])


def vector2(isa, rng):
    n = 21
    a, b = _floats(rng, n, 2), _floats(rng, n, 2)
    out = np.zeros((n, 2), np.float32)
    product = (a[:, 0] + 1j * a[:, 1]) * (b[:, 0] + 1j * b[:, 1])
    expected = np.stack([product.real, product.imag], axis=1).astype(np.float32)
    return Case((2, 1, 1), (16, 1, 1), [a, b, out, n], [(out, expected)])


def scatter_add(isa, rng):
    n, rows = 45, 6
    x, index = _floats(rng, n), rng.integers(0, rows, n).astype(np.int32)
    sums = np.zeros(rows, np.float32)
    expected = np.zeros(rows, np.float64)
    np.add.at(expected, index, x)  # float32 atomics in launch order against a float64 sum
    return Case((3, 1, 1), (16, 1, 1), [x, index, sums, n], [(sums, expected)], tolerance=1e-4)


def atomic_fmax(isa, rng):
    n = 45
    x = _floats(rng, n)
    result = np.array([-np.inf], np.float32)  # the caller's start value
    return Case((3, 1, 1), (16, 1, 1), [x, result, n], [(result, x.max(keepdims=True))])


# Warp kernels: 2 blocks of 64 threads (4 warps) over n = 100 elements, so the last warp has
# 4 lanes inside n and 28 outside.
def _warps(values, fill):
    padded = np.full(2 * 64, fill, values.dtype)
    padded[:len(values)] = values
    return padded.reshape(4, 32)


def warp_sum(isa, rng):
    n = 100
    x, sums = _floats(rng, n), np.zeros(4, np.float32)
    expected = _warps(x.astype(np.float64), 0.0).sum(axis=1)
    return Case((2, 1, 1), (64, 1, 1), [x, sums, n], [(sums, expected)], tolerance=1e-4)


def warp_max(isa, rng):
    n = 100
    x, out = rng.integers(-2**31, 2**31, n).astype(np.int32), np.zeros(n, np.int32)
    expected = np.repeat(_warps(x, np.int32(-2**31)).max(axis=1), 32)[:n]
    return Case((2, 1, 1), (64, 1, 1), [x, out, n], [(out, expected)])


def warp_vote(isa, rng):
    n = 100
    x = _floats(rng, n)
    x[40:45] = 0  # warp 1 holds zeros
    x[:32] = np.abs(x[:32]) + 1  # warp 0 votes all true
    ballots, any_zero = np.zeros(4, np.uint32), np.zeros(4, np.int32)
    lanes = _warps(x, np.float32(-1))
    weights = (1 << np.arange(32, dtype=np.uint64))
    expected_ballots = ((lanes > 0) * weights).sum(axis=1).astype(np.uint32)
    expected_any = (lanes == 0).any(axis=1).astype(np.int32)
    return Case((2, 1, 1), (64, 1, 1), [x, ballots, any_zero, n],
                [(ballots, expected_ballots), (any_zero, expected_any)])


def atomic_minmax(isa, rng):
    n = 45
    x = rng.integers(-2**31, 2**31, n).astype(np.int32)
    extremes = np.array([2**31 - 1, -2**31], np.int32)  # the caller's start values
    return Case((3, 1, 1), (16, 1, 1), [x, extremes, n],
                [(extremes, np.array([x.min(), x.max()], np.int32))])


def transpose(isa, rng):
    rows, cols = 19, 21  # 2x2 tiles of 16, both partial
    x, out = _floats(rng, rows, cols), np.zeros((cols, rows), np.float32)
    return Case((2, 2, 1), (16, 16, 1), [x, out, rows, cols], [(out, x.T)], barriers=True)


def dot(isa, rng):
    grid, block, n = (3, 1, 1), (32, 1, 1), 75  # the third block is partly past n
    x, y = _floats(rng, n), _floats(rng, n)
    result = np.zeros(1, np.float32)
    expected = np.array([np.dot(x.astype(np.float64), y.astype(np.float64))])
    return Case(grid, block, [x, y, result, n], [(result, expected)], tolerance=1e-4,
                barriers=True)


def poly_constant(isa, rng):
    # nvcc puts `coefficients` at offset 0 of constant bank 3, which the launch fills; clang
    # reads it through the address of the data symbol `coefficients` (grid.symbol).
    n = 45
    x, out = _floats(rng, n), np.zeros(n, np.float32)
    c = np.array([0.5, -1.25, 0.75, 2.0], np.float32)
    expected = c[0] + x * (c[1] + x * (c[2] + x * c[3]))
    memory = ({"symbols": {"coefficients": c}} if isa == "rdna"
              else {"constant_banks": {3: c.tobytes()}})
    return Case((3, 1, 1), (16, 1, 1), [x, out, n], [(out, expected)], **memory)


KERNELS = {f.__name__: f for f in (
    poly_constant, dot, transpose, warp_sum, warp_max, warp_vote, atomic_minmax, scatter_add, atomic_fmax, grid_clamp, strided_copy64, vector2,
    block_sum, softmax_row, matmul,
    elementwise, branchy, grid_stride, softmax, reduce_sum, gemm_naive, gemm_tiled, conv2d, saxpy,
    int_divide, uint_divide, bias_leaky_relu, index64, vector4, histogram, row_max,
    half_compare, half_axpy)}


def case(kernel, isa, rng, fixture=""):
    """The Case of `kernel` for `isa`; `fixture` (the listing's file name) for the one kernel
    whose listing computes something else on one architecture."""
    if kernel == "conv2d":
        return conv2d(isa, rng, fixture)
    return KERNELS[kernel](isa, rng)
