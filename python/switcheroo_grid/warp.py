"""Warp-wide operations of lifted kernels: shuffles, votes and reductions across the lanes of a
warp (32 lanes: NVIDIA warps, and the wave32 wavefronts gfx10/gfx11 run HIP kernels as).

Lifted code calls `grid.warp(OPERATION, ...)`; launch() runs such kernels in lockstep (see
lockstep.py), collects the call of every lane of a warp that reaches it, and answers each lane
with `collective`. The lanes that reach the call together are the active lanes; a lane that has
returned or waits at a barrier is inactive. Reading the value of an inactive lane is an error,
not a guess."""

WARP_SIZE = 32


def _u32(value):
    return int(value) & 0xFFFFFFFF


def _s32(value):
    value = _u32(value)
    return value - (1 << 32) if value >> 31 else value


def _shuffle_source(mode, lane, b, c):
    """The lane a SHFL reads (PTX shfl.sync: `c` packs the clamp in bits 0-4 and the segment
    mask in bits 8-12) and whether it is in range; out of range, the lane reads itself."""
    b, c = _u32(b), _u32(c)
    segment = (c >> 8) & 0x1F
    bound = (lane & segment) | (c & 0x1F & ~segment)
    if mode == "up":
        source, inside = lane - b, lane - b >= bound
    elif mode == "down":
        source, inside = lane + b, lane + b <= bound
    elif mode == "bfly":
        source, inside = lane ^ b, (lane ^ b) <= bound
    else:  # idx
        source = (lane & segment) | (b & 0x1F & ~segment)
        inside = source <= bound
    return (source, True) if inside else (lane, False)


def _value_of(values, lane, reader):
    if lane not in values:
        raise RuntimeError(f"lane {reader} reads lane {lane} of its warp, which is not active")
    return values[lane]


def collective(operation, calls):
    """The answer of each lane to `operation`: `calls` maps each active lane to the arguments
    its call passed (after the operation's name)."""
    lanes = sorted(calls)
    if operation.startswith("shfl_"):  # shfl_MODE (value, b, c), shfl_MODE_in_range
        mode = operation.split("_")[1]
        values = {lane: calls[lane][0] for lane in lanes}
        out = {}
        for lane in lanes:
            source, inside = _shuffle_source(mode, lane, *calls[lane][1:3])
            out[lane] = int(inside) if operation.endswith("_in_range") else \
                _value_of(values, source, lane)
        return out
    if operation == "bpermute":  # RDNA ds_bpermute_b32 (byte address, value)
        values = {lane: calls[lane][1] for lane in lanes}
        return {lane: _value_of(values, (_u32(calls[lane][0]) >> 2) % WARP_SIZE, lane)
                for lane in lanes}
    if operation in ("ballot", "any"):  # (predicate)
        mask = sum(1 << lane for lane in lanes if calls[lane][0])
        return {lane: mask if operation == "ballot" else int(mask != 0) for lane in lanes}
    if operation in ("max_s32", "min_s32"):  # REDUX (value)
        pick = max if operation == "max_s32" else min
        result = _u32(pick(_s32(calls[lane][0]) for lane in lanes))
        return {lane: result for lane in lanes}
    if operation == "mbcnt_lo":  # RDNA v_mbcnt_lo_u32_b32 (mask, addend)
        return {lane: _u32(bin(_u32(calls[lane][0]) & ((1 << lane) - 1)).count("1")
                           + calls[lane][1]) for lane in lanes}
    raise NotImplementedError(f"no warp operation '{operation}'")
