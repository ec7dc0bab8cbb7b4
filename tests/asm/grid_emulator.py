"""A small GPU grid emulator for lifted kernels (tests only).

It runs a lifted kernel function once per thread of a launch: blocks and threads in order,
each call receiving a `grid` object with the built-in indices and the memory services the lifted
code uses (load_global, store_global, ...). Global memory is a set of NumPy buffers placed at
distinct fake device addresses; values move as 32-bit words, as on the GPU. Kernels that wait at
barriers need threads that yield, which this emulator does not do: barrier() raises.
"""
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


class Grid:
    def __init__(self, memory, grid_dim, block_dim):
        self.memory = memory
        self.grid_dim_x, self.grid_dim_y, self.grid_dim_z = grid_dim
        self.block_dim_x, self.block_dim_y, self.block_dim_z = block_dim
        self.global_memory_descriptor = 0
        self.local_stack_top = 0xFFFC00
        self.lane_id = 0

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

    def barrier(self):
        raise NotImplementedError("barriers need threads that yield (not emulated)")


def word(value):
    """A kernel argument as the 32-bit (or 64-bit address) word the hardware passes."""
    if isinstance(value, float):
        return int(np.array([value], dtype=np.float32).view(np.uint32)[0])
    return int(value) & 0xFFFFFFFFFFFFFFFF


def launch(kernel, memory, grid_dim, block_dim, arguments):
    grid = Grid(memory, grid_dim, block_dim)
    words = [word(argument) for argument in arguments]
    for bz in range(grid_dim[2]):
        for by in range(grid_dim[1]):
            for bx in range(grid_dim[0]):
                for tz in range(block_dim[2]):
                    for ty in range(block_dim[1]):
                        for tx in range(block_dim[0]):
                            kernel(*words, grid=grid.at((bx, by, bz), (tx, ty, tz)))
