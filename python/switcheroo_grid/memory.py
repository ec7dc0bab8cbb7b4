"""Device memory for lifted kernels: global memory as NumPy buffers at 64-bit addresses, a
block's shared memory, and the HSA dispatch packet RDNA kernels read their sizes from.

Memory is byte-addressed and little-endian, as on the GPU; a load returns the bytes as one
unsigned integer (a 32-bit word, a 64-bit pair, a 128-bit quad), the bit patterns a register
holds.
"""
import numpy as np


class GlobalMemory:
    """Global memory: each allocation is a byte array at its own address.

    Allocations start 256 bytes below a 4 GiB boundary (buffer k at (k + 2) << 32, less 0x100),
    so addresses have a non-zero high word and the low word carries into it inside a buffer:
    64-bit address arithmetic that drops a carry or a high word reads the wrong place and
    fails loudly instead of by luck.
    """

    SLACK = 0x100

    def __init__(self):
        self._buffers = []  # (address, bytearray view as np.uint8)

    def allocate(self, data):
        """Copies `data` (a NumPy array, bytes, or a size in bytes) into a new buffer; returns its
        device address."""
        if isinstance(data, int):
            storage = np.zeros(data, np.uint8)
        else:
            storage = np.frombuffer(bytes(np.ascontiguousarray(data).tobytes()
                                          if isinstance(data, np.ndarray) else data),
                                    np.uint8).copy()
        address = ((len(self._buffers) + 2) << 32) - self.SLACK
        self._buffers.append((address, storage))
        return address

    def view(self, address, dtype, count=None):
        """The buffer at `address` as an array of `dtype` (a view: writes go to memory)."""
        base, storage = self._buffer(address, 1)
        array = storage[address - base:].view(dtype)
        return array if count is None else array[:count]

    def _buffer(self, address, size):
        index = (address + self.SLACK) >> 32
        if 2 <= index < len(self._buffers) + 2:
            base, storage = self._buffers[index - 2]
            if base <= address and address + size <= base + len(storage):
                return base, storage
        raise IndexError(f"global address {address:#x} ({size} bytes) is outside every buffer")

    def load(self, address, size):
        address = int(address)
        base, storage = self._buffer(address, size)
        return int.from_bytes(storage[address - base:address - base + size].tobytes(), "little")

    def store(self, address, value, size):
        address = int(address)
        base, storage = self._buffer(address, size)
        value = int(value) & ((1 << (8 * size)) - 1)
        storage[address - base:address - base + size] = np.frombuffer(
            value.to_bytes(size, "little"), np.uint8)


class SharedMemory:
    """A block's shared memory (CUDA `__shared__`, RDNA LDS): byte addresses from 0."""

    def __init__(self, size=64 * 1024):
        self.bytes = np.zeros(size, np.uint8)

    def load(self, address, size):
        address = int(address)
        self._check(address, size)
        return int.from_bytes(self.bytes[address:address + size].tobytes(), "little")

    def store(self, address, value, size):
        address = int(address)
        self._check(address, size)
        value = int(value) & ((1 << (8 * size)) - 1)
        self.bytes[address:address + size] = np.frombuffer(value.to_bytes(size, "little"), np.uint8)

    def _check(self, address, size):
        if address % min(size, 4) or not 0 <= address <= len(self.bytes) - size:
            raise IndexError(f"shared address {address:#x} ({size} bytes) is unaligned or out "
                             "of range")


def dispatch_packet(grid, block, kernarg_address, group_segment_size=0):
    """The 64-byte hsa_kernel_dispatch_packet_t of a launch: work-group sizes (16 bits each),
    grid sizes in work-items (32 bits each), and the kernarg segment's address."""
    packet = np.zeros(64, np.uint8)
    dimensions = 3 if grid[2] * block[2] > 1 else (2 if grid[1] * block[1] > 1 else 1)
    packet[2:4] = np.frombuffer(np.uint16(dimensions).tobytes(), np.uint8)
    packet[4:10] = np.frombuffer(np.array(block, np.uint16).tobytes(), np.uint8)
    sizes = np.array([g * b for g, b in zip(grid, block)], np.uint32)
    packet[12:24] = np.frombuffer(sizes.tobytes(), np.uint8)
    packet[28:32] = np.frombuffer(np.uint32(group_segment_size).tobytes(), np.uint8)
    packet[40:48] = np.frombuffer(np.uint64(kernarg_address).tobytes(), np.uint8)
    return packet
