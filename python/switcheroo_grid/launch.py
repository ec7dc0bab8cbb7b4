"""Launching a lifted kernel over a grid of blocks and threads."""
import inspect
import struct

import numpy as np

from . import halves
from .lockstep import run_block_in_lockstep, with_barriers_as_yields
from .memory import GlobalMemory, SharedMemory, dispatch_packet

_ATOMICS = {
    "add": lambda old, value, size: old + value,
    "sub": lambda old, value, size: old - value,
    "exch": lambda old, value, size: value,
    "and": lambda old, value, size: old & value,
    "or": lambda old, value, size: old | value,
    "xor": lambda old, value, size: old ^ value,
    "max_u": lambda old, value, size: max(old, value),
    "min_u": lambda old, value, size: min(old, value),
    "max_s": lambda old, value, size: _unsigned(max(_signed(old, size), _signed(value, size)), size),
    "min_s": lambda old, value, size: _unsigned(min(_signed(old, size), _signed(value, size)), size),
    # value: the pair (new, compare), the new word low
    "cas": lambda old, value, size: _compare_swap(old, value, size),
    "add_f32_ftz": lambda old, value, size: _float_add_ftz(old, value),
}


def _compare_swap(old, value, size):
    new, compare = _unsigned(value, size), _unsigned(int(value) >> (8 * size), size)
    return new if _unsigned(old, size) == compare else old


def _flush(word):
    """A float32 bit pattern with a subnormal flushed to zero of its sign."""
    return word & 0x80000000 if word & 0x7F800000 == 0 else word


def _float_add_ftz(old, value):
    a, b = (np.array([_flush(int(w) & 0xFFFFFFFF)], np.uint32).view(np.float32)[0]
            for w in (old, value))
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.float32(a + b)
    return _flush(int(np.array([total], np.float32).view(np.uint32)[0]))


def _signed(value, size):
    value = int(value) & ((1 << (8 * size)) - 1)
    return value - (1 << (8 * size)) if value >> (8 * size - 1) else value


def _unsigned(value, size):
    return int(value) & ((1 << (8 * size)) - 1)


class Grid:
    """What a lifted kernel's `grid` argument provides: the built-in indices of the thread it
    runs as, and memory. One Grid serves every thread of a launch; `at` moves it."""

    def __init__(self, memory, grid_dim, block_dim, kernarg_segment, dispatch_ptr,
                 constant_banks, symbols=None):
        self.memory = memory
        self.shared = None
        self.grid_dim_x, self.grid_dim_y, self.grid_dim_z = grid_dim
        self.block_dim_x, self.block_dim_y, self.block_dim_z = block_dim
        self.kernarg_segment = kernarg_segment
        self.dispatch_ptr = dispatch_ptr
        self.constant_banks = constant_banks
        self.symbols = symbols or {}
        # The SASS prologue's stack pointer and global memory descriptor: any value works for
        # code that does not spill.
        self.local_stack_top = 0xFFFC00
        self.global_memory_descriptor = 0
        # One block per cluster (sm_90).
        self.cluster_cta_id = 0
        self.local = {}

    def at(self, block, thread):
        self.block_idx_x, self.block_idx_y, self.block_idx_z = block
        self.thread_idx_x, self.thread_idx_y, self.thread_idx_z = thread
        self.workgroup_id_x, self.workgroup_id_y, self.workgroup_id_z = block
        self.workitem_id_x, self.workitem_id_y, self.workitem_id_z = thread
        linear = thread[0] + self.block_dim_x * (thread[1] + self.block_dim_y * thread[2])
        self.lane_id = linear % 32
        self.local = {}
        return self

    # global and constant memory
    def load_global(self, address, size):
        return self.memory.load(address, size)

    def store_global(self, address, value, size):
        self.memory.store(address, value, size)

    def load_constant(self, address, size):
        """RDNA scalar loads: global memory, the kernarg segment, the dispatch packet or a data
        symbol."""
        return self.memory.load(address, size)

    def symbol(self, name):
        """The device address of data symbol `name` (an RDNA `__constant__` or `__device__`
        variable the code reads through its address), placed by launch(symbols=...)."""
        if name not in self.symbols:
            raise LookupError(f"symbol '{name}' was not given: launch(..., symbols={{'{name}': "
                              "array})")
        return self.symbols[name]

    def atomic_global(self, operation, address, value, size):
        """Read-modify-write of global memory; returns the old value. Threads run one at a
        time, so every atomic is indivisible."""
        old = self.memory.load(address, size)
        self.memory.store(address, _ATOMICS[operation](old, int(value), size), size)
        return old

    def constant(self, bank, offset):
        """A word of SASS constant bank `bank` (bank 0's parameter and size slots are read by
        name in lifted code; other banks come from launch(constant_banks=...))."""
        data = self.constant_banks.get(bank)
        if data is None or offset + 4 > len(data):
            raise IndexError(f"constant bank {bank} has no word at {offset:#x}")
        return int.from_bytes(bytes(data[offset:offset + 4]), "little")

    def parameter_word(self, offset):
        """A kernel-argument word past the known parameters (hidden arguments: zero)."""
        return self.memory.load(self.kernarg_segment + offset, 4)

    # shared and local memory
    def load_shared(self, address, size):
        return self.shared.load(address, size)

    def store_shared(self, address, value, size):
        self.shared.store(address, value, size)

    def atomic_shared(self, operation, address, value, size):
        old = self.shared.load(address, size)
        self.shared.store(address, _ATOMICS[operation](old, int(value), size), size)
        return old

    def load_local(self, address, size):
        return sum(self.local.get(address + k, 0) << (8 * k) for k in range(size))

    def store_local(self, address, value, size):
        for k in range(size):
            self.local[address + k] = (int(value) >> (8 * k)) & 0xFF

    def barrier(self):
        raise RuntimeError("grid.barrier() outside launch(): launch() runs barrier kernels in "
                           "lockstep")

    @staticmethod
    def half2(operation, *operands):
        """Packed half-precision arithmetic (halves.py): `add`, `mul`, `fma` on pairs and the
        conversions and operand selections around them."""
        return halves.half2(operation, *operands)

    def warp(self, operation, *arguments):
        """A shuffle, vote or reduction across the lanes of the warp (warp.py); launch() runs
        kernels that call it in lockstep and answers for the warp."""
        raise RuntimeError(f"grid.warp('{operation}') outside launch(): launch() runs warp "
                           "operations in lockstep")


class LaunchResult:
    """What a launch did: the memory it ran on, the barriers each block passed (the most), and
    the device address of each array argument."""

    def __init__(self, memory, barriers, addresses):
        self.memory, self.barriers, self.addresses = memory, barriers, addresses


def _dim3(value):
    value = tuple(value) if isinstance(value, (tuple, list)) else (int(value),)
    if not 1 <= len(value) <= 3 or any(int(v) < 1 for v in value):
        raise ValueError(f"a grid or block size is 1 to 3 positive numbers, not {value}")
    return tuple(int(v) for v in value) + (1,) * (3 - len(value))


def _indices(dim):
    return [(x, y, z) for z in range(dim[2]) for y in range(dim[1]) for x in range(dim[0])]


def scalar_word(value, size):
    """A scalar argument as the `size`-byte word the hardware passes: floats as their IEEE
    bits (float32 for 4 bytes, float16 if given as np.float16, float64 for 8), integers in
    two's complement."""
    if isinstance(value, np.floating) and value.dtype == np.float16:
        return int(np.array([value]).view(np.uint16)[0])
    if isinstance(value, (float, np.floating)):
        packed = struct.pack("<f", float(value)) if size == 4 else struct.pack("<d", float(value))
        return int.from_bytes(packed, "little")
    return int(value) & ((1 << (8 * size)) - 1)


def _parameters(kernel):
    """(name, offset, size) of each parameter: from the lifted function's `parameters`
    attribute, else 8-byte slots in order."""
    names = [p.name for p in inspect.signature(kernel).parameters.values()
             if p.kind == p.POSITIONAL_OR_KEYWORD]
    described = getattr(kernel, "parameters", None)
    if described:
        return [(name, offset, size) for name, offset, size, *_ in described]
    return [(name, 8 * i, 8) for i, name in enumerate(names)]


def launch(kernel, grid, block, *arguments, memory=None, constant_banks=None, symbols=None,
           shared_bytes=64 * 1024, **named):
    """Runs lifted `kernel` for every thread of `grid` blocks of `block` threads.

    Arguments are given in order or by parameter name (`p0=...`, or the names the listing's
    metadata gave). A NumPy array is copied into global memory and the kernel gets its address;
    after the launch the array receives what the kernel left there. Python and NumPy scalars
    become the words the hardware passes (see `scalar_word`); an int that is a device address
    (from `memory.allocate`) passes as it is. The kernarg segment and (for RDNA) the dispatch
    packet are built in memory. `symbols` ({name: NumPy array}) are the data symbols the kernel
    reads by name (`grid.symbol(name)`), copied into global memory like array arguments and
    copied back after the launch. Kernels with `grid.barrier()` or `grid.warp(...)` run each
    block in lockstep.
    """
    grid, block = _dim3(grid), _dim3(block)
    memory = memory if memory is not None else GlobalMemory()
    parameters = _parameters(kernel)
    names = [name for name, _, _ in parameters]
    if len(arguments) > len(names):
        raise TypeError(f"{kernel.__name__} takes {len(names)} arguments, {len(arguments)} given")
    values = dict(zip(names, arguments))
    for name, value in named.items():
        if name not in names or name in values:
            raise TypeError(f"{kernel.__name__}: unexpected or repeated argument '{name}'")
        values[name] = value
    missing = [name for name in names if name not in values]
    if missing:
        raise TypeError(f"{kernel.__name__}: missing arguments {missing}")

    arrays, words, addresses = [], {}, {}
    for name, offset, size in parameters:
        value = values[name]
        if isinstance(value, np.ndarray):
            words[name] = addresses[name] = memory.allocate(value)
            arrays.append((value, words[name]))
        else:
            words[name] = scalar_word(value, size)
    segment = np.zeros(max([o + s for _, o, s in parameters] + [0]) + 256, np.uint8)
    for name, offset, size in parameters:
        segment[offset:offset + size] = np.frombuffer(
            words[name].to_bytes(size, "little"), np.uint8)
    symbol_addresses = {}
    for name, value in (symbols or {}).items():
        if not isinstance(value, np.ndarray):
            raise TypeError(f"symbol '{name}' is given as {type(value).__name__}, not a NumPy "
                            "array")
        symbol_addresses[name] = memory.allocate(value)
        arrays.append((value, symbol_addresses[name]))
    kernarg = memory.allocate(segment)
    packet = memory.allocate(dispatch_packet(grid, block, kernarg))

    function = with_barriers_as_yields(kernel)
    lockstep = inspect.isgeneratorfunction(function)
    state = Grid(memory, grid, block, kernarg, packet, constant_banks or {}, symbol_addresses)
    call_words = [words[name] for name in names]
    barriers = 0
    for block_index in _indices(grid):
        state.shared = SharedMemory(shared_bytes)
        if lockstep:
            threads = []
            for thread in _indices(block):
                each = Grid(memory, grid, block, kernarg, packet, state.constant_banks,
                            state.symbols)
                each.shared = state.shared
                threads.append(function(*call_words, grid=each.at(block_index, thread)))
            barriers = max(barriers, run_block_in_lockstep(threads))
        else:
            for thread in _indices(block):
                function(*call_words, grid=state.at(block_index, thread))
    for array, address in arrays:
        if array.flags.writeable:
            array.reshape(-1).view(np.uint8)[:] = memory.view(address, np.uint8, array.nbytes)
    return LaunchResult(memory, barriers, addresses)
