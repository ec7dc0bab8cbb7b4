"""A small GPU grid emulator for lifted kernels (tests only).

It runs a lifted kernel function once per thread of a launch: blocks and threads in order,
each call receiving a `grid` object with the built-in indices and the memory services the lifted
code uses (load_global, store_global, ...). Global memory is a set of NumPy buffers placed at
distinct fake device addresses; values move as 32-bit words, as on the GPU.

Kernels that wait at barriers run with threads as generators: `with_barriers_as_yields` turns
each `grid.barrier()` statement of a lifted function into `yield`, and `launch` then starts every
thread of a block, resumes each in turn up to its next barrier, and moves on only when all of
them wait there (or all have returned). Each block has its own shared memory.
"""
import ast
import inspect
import textwrap

import numpy as np


class Memory:
    BASE = 0x10000000
    STRIDE = 0x1000000

    def __init__(self):
        self.buffers = []

    def allocate(self, array):
        """Places a float32 or int32 array in memory; returns its device address."""
        words = np.ascontiguousarray(array).reshape(-1).view(np.uint32).copy()
        self.buffers.append(words)
        return self.BASE + self.STRIDE * (len(self.buffers) - 1)

    def read(self, address, dtype):
        return self.buffers[self._index(address)[0]].view(dtype)

    def _index(self, address):
        buffer, offset = divmod(address - self.BASE, self.STRIDE)
        if address < self.BASE or buffer >= len(self.buffers) or offset % 4:
            raise IndexError(f"address {address:#x} is not in any buffer")
        if offset // 4 >= len(self.buffers[buffer]):
            raise IndexError(f"address {address:#x} is past the end of buffer {buffer}")
        return buffer, offset // 4

    def load(self, address, size):
        words = [int(self.buffers[b][i]) for b, i in (self._index(address + 4 * k) for k in range(size // 4))]
        return words[0] if size == 4 else sum(w << (32 * k) for k, w in enumerate(words))

    def store(self, address, value, size):
        for k in range(size // 4):
            buffer, index = self._index(address + 4 * k)
            self.buffers[buffer][index] = (int(value) >> (32 * k)) & 0xFFFFFFFF


class SharedMemory:
    """A block's shared (LDS) memory: byte addresses from 0, 32-bit words."""

    SIZE = 64 * 1024

    def __init__(self):
        self.words = np.zeros(self.SIZE // 4, np.uint32)

    def _index(self, address):
        if address % 4 or not 0 <= address < self.SIZE:
            raise IndexError(f"shared address {address:#x} is unaligned or out of range")
        return address // 4

    def load(self, address, size):
        words = [int(self.words[self._index(address + 4 * k)]) for k in range(size // 4)]
        return sum(w << (32 * k) for k, w in enumerate(words))

    def store(self, address, value, size):
        for k in range(size // 4):
            self.words[self._index(address + 4 * k)] = (int(value) >> (32 * k)) & 0xFFFFFFFF


class Grid:
    def __init__(self, memory, grid_dim, block_dim):
        self.memory = memory
        self.shared = None
        self.grid_dim_x, self.grid_dim_y, self.grid_dim_z = grid_dim
        self.block_dim_x, self.block_dim_y, self.block_dim_z = block_dim
        self.global_memory_descriptor = 0
        self.local_stack_top = 0xFFFC00
        self.lane_id = 0
        # One block per cluster: sm_90 code puts the block's rank in its cluster into shared
        # addresses (shared memory of a block starts at 0x400 there).
        self.cluster_cta_id = 0

    def at(self, block, thread):
        self.block_idx_x, self.block_idx_y, self.block_idx_z = block
        self.thread_idx_x, self.thread_idx_y, self.thread_idx_z = thread
        self.workgroup_id_x, self.workgroup_id_y, self.workgroup_id_z = block
        self.workitem_id_x, self.workitem_id_y, self.workitem_id_z = thread
        self.lane_id = self.thread_idx_x % 32
        return self

    def load_global(self, address, size):
        return self.memory.load(address, size)

    def store_global(self, address, value, size):
        self.memory.store(address, value, size)

    def parameter_word(self, offset):
        return 0  # padding or hidden arguments past the explicit ones

    def constant(self, bank, offset):
        raise NotImplementedError(f"constant bank {bank} offset {offset:#x}")

    def load_shared(self, address, size):
        return self.shared.load(address, size)

    def store_shared(self, address, value, size):
        self.shared.store(address, value, size)

    def barrier(self):
        raise NotImplementedError("a barrier in a kernel not run with with_barriers_as_yields")


class _BarrierToYield(ast.NodeTransformer):
    def __init__(self):
        self.count = 0

    def visit_Expr(self, node):
        call = node.value
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "barrier" and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "grid"):
            self.count += 1
            return ast.copy_location(ast.Expr(ast.Yield(None)), node)
        return node


def with_barriers_as_yields(function):
    """`function` recompiled with each `grid.barrier()` statement as `yield`, in the module's
    namespace; the function itself when it has no barrier."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    transformer = _BarrierToYield()
    definition = tree.body[0]
    definition.body = [transformer.visit(statement) for statement in definition.body]
    for node in ast.walk(definition):
        if node is not definition and isinstance(node, (ast.FunctionDef, ast.Lambda)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Yield):
                    raise NotImplementedError("a barrier inside a nested function")
    if transformer.count == 0:
        return function
    ast.fix_missing_locations(tree)
    namespace = {}
    exec(compile(tree, inspect.getsourcefile(function), "exec"), function.__globals__, namespace)
    return namespace[function.__name__]


def word(value):
    """A kernel argument as the 32-bit (or 64-bit address) word the hardware passes."""
    if isinstance(value, float):
        return int(np.array([value], dtype=np.float32).view(np.uint32)[0])
    return int(value) & 0xFFFFFFFFFFFFFFFF


def _indices(dim):
    return [(x, y, z) for z in range(dim[2]) for y in range(dim[1]) for x in range(dim[0])]


def _run_block_in_lockstep(threads):
    """Resumes every thread (a generator) up to its next barrier, round after round."""
    barriers = 0
    while threads:
        waiting = []
        for thread in threads:
            try:
                next(thread)
                waiting.append(thread)
            except StopIteration:
                pass
        if waiting and len(waiting) != len(threads):
            raise RuntimeError(f"after barrier {barriers}, {len(threads) - len(waiting)} threads "
                               f"returned while {len(waiting)} wait at a barrier")
        threads = waiting
        barriers += 1
    return barriers


def launch(kernel, memory, grid_dim, block_dim, arguments):
    """Runs `kernel` over the grid; returns the number of barrier rounds of the last block."""
    words = [word(argument) for argument in arguments]
    rounds = 0
    for block in _indices(grid_dim):
        shared = SharedMemory()
        if inspect.isgeneratorfunction(kernel):
            threads = []
            for thread in _indices(block_dim):
                grid = Grid(memory, grid_dim, block_dim).at(block, thread)
                grid.shared = shared
                threads.append(kernel(*words, grid=grid))
            rounds = _run_block_in_lockstep(threads)
        else:
            grid = Grid(memory, grid_dim, block_dim)
            grid.shared = shared
            for thread in _indices(block_dim):
                kernel(*words, grid=grid.at(block, thread))
    return rounds
