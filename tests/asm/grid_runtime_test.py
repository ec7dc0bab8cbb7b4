#!/usr/bin/python3
"""Unit tests of switcheroo_grid (python/switcheroo_grid) on hand-written kernels: memory
layout and bounds, the dispatch packet and kernarg segment, scalar words, atomics, data symbols,
and barriers in lockstep.

    grid_runtime_test.py PYTHON_DIR
"""
import sys
import unittest

import numpy as np

sys.path.insert(0, sys.argv.pop(1) if len(sys.argv) > 1 else "python")
from switcheroo_grid import GlobalMemory, launch, scalar_word  # noqa: E402


def copy_kernel(p0, p1, p2, *, grid):
    i = grid.block_idx_x * grid.block_dim_x + grid.thread_idx_x
    if i < p2:
        grid.store_global(p1 + 4 * i, grid.load_global(p0 + 4 * i, 4), 4)


copy_kernel.parameters = (("p0", 0, 8, "pointer", ""), ("p1", 8, 8, "pointer", ""),
                          ("p2", 16, 4, "value", ""))


def packet_kernel(p0, *, grid):
    # what an RDNA kernel reads: the work-group size (16 bits at byte 4), the grid size in
    # work-items (byte 12), and its kernarg segment (byte 40)
    if grid.workitem_id_x == 0 and grid.workgroup_id_x == 0:
        grid.store_global(p0, grid.load_constant(grid.dispatch_ptr + 4, 4) & 0xFFFF, 4)
        grid.store_global(p0 + 4, grid.load_constant(grid.dispatch_ptr + 12, 4), 4)
        kernarg = grid.load_constant(grid.dispatch_ptr + 40, 8)
        grid.store_global(p0 + 8, grid.load_constant(kernarg, 8) == p0, 4)


def count_kernel(p0, *, grid):
    grid.atomic_global("add", p0, 1, 4)
    grid.atomic_global("max_s", p0 + 4, grid.thread_idx_x - 5, 4)


def barrier_kernel(p0, *, grid):
    # thread t writes t to shared memory, waits, then reads its neighbour's word
    t = grid.thread_idx_x
    grid.store_shared(4 * t, t, 4)
    grid.barrier()
    grid.store_global(p0 + 4 * t, grid.load_shared(4 * ((t + 1) % grid.block_dim_x), 4), 4)


def early_return_kernel(p0, *, grid):
    if grid.thread_idx_x == 0:
        return
    grid.barrier()


def shuffle_kernel(p0, *, grid):
    # each lane reads lane + 1's id (SHFL.DOWN by 1, clamp 31: lane 31 reads itself), and the
    # ballot of odd lanes
    t = grid.thread_idx_x
    grid.store_global(p0 + 4 * t, grid.warp('shfl_down', t, 1, 0x1f), 4)
    grid.store_global(p0 + 4 * (64 + t // 32), grid.warp('ballot', t % 3 == 0), 4)


def partial_warp_kernel(p0, *, grid):
    if grid.thread_idx_x >= 4:
        return
    grid.store_global(p0, grid.warp('max_s32', grid.thread_idx_x), 4)
    grid.store_global(p0 + 4, grid.warp('shfl_down', 7, 4, 0x1f), 4)  # reads lane 4+


def diverging_kernel(p0, *, grid):
    if grid.thread_idx_x % 2:
        grid.warp('any', 1)
    else:
        grid.warp('ballot', 1)


def compare_swap_kernel(p0, *, grid):
    # every thread swaps 7 for its id where the word holds 7: only the first succeeds
    grid.store_global(p0 + 4 + 4 * grid.thread_idx_x,
                      grid.atomic_global('cas', p0, (grid.thread_idx_x + 100) | 7 << 32, 4), 4)


def symbol_kernel(p0, *, grid):
    # what a lifted RDNA kernel does with a `__device__` variable: reads its second word through
    # the symbol's address (s_getpc_b64 + the rel32 adds) and counts into its first
    table = grid.symbol('table')
    grid.store_global(p0 + 4 * grid.thread_idx_x, grid.load_constant(table + 4, 4), 4)
    grid.atomic_global("add", table, 1, 4)


class GridRuntimeTest(unittest.TestCase):
    def test_warp_operations_meet_in_lockstep(self):
        out = np.zeros(66, np.uint32)
        launch(shuffle_kernel, 1, 64, out)  # two warps
        self.assertEqual(list(out[:31]), list(range(1, 32)))
        self.assertEqual(out[31], 31)  # out of range: its own value
        self.assertEqual(list(out[32:63]), list(range(33, 64)))
        self.assertEqual(out[63], 63)
        # threads 0, 3, ..., 30 in warp 0; 33, 36, ..., 63 (lanes 1, 4, ..., 31) in warp 1
        self.assertEqual(list(out[64:66]), [sum(1 << lane for lane in range(0, 32, 3)),
                                            sum(1 << lane for lane in range(1, 32, 3))])

    def test_reading_an_inactive_lane_is_an_error(self):
        with self.assertRaisesRegex(RuntimeError, "lane 0 reads lane 4 of its warp, which is not "
                                                  "active"):
            launch(partial_warp_kernel, 1, 32, np.zeros(2, np.int32))

    def test_lanes_at_different_warp_operations_are_an_error(self):
        with self.assertRaisesRegex(RuntimeError, r"different warp operations \['any', 'ballot'\]"):
            launch(diverging_kernel, 1, 4, np.zeros(1, np.int32))

    def test_compare_and_swap(self):
        out = np.array([7, 0, 0, 0], np.uint32)
        launch(compare_swap_kernel, 1, 3, out)
        self.assertEqual(list(out), [100, 7, 100, 100])

    def test_arrays_go_in_and_come_back(self):
        x, y = np.arange(45, dtype=np.float32), np.zeros(45, np.float32)
        launch(copy_kernel, 3, 16, x, p1=y, p2=45)
        np.testing.assert_array_equal(x, y)

    def test_buffers_cross_a_4gib_boundary(self):
        memory = GlobalMemory()
        address = memory.allocate(np.zeros(128, np.uint32))
        self.assertNotEqual(address >> 32, (address + 0x100) >> 32)
        memory.store(address + 0x100, 0xDEADBEEF, 4)
        self.assertEqual(memory.load(address + 0x100, 4), 0xDEADBEEF)

    def test_out_of_bounds_raises(self):
        memory = GlobalMemory()
        address = memory.allocate(np.zeros(4, np.uint32))
        with self.assertRaisesRegex(IndexError, "outside every buffer"):
            memory.load(address + 16, 4)
        with self.assertRaisesRegex(IndexError, "outside every buffer"):
            memory.load(address & 0xFFFFFFFF, 4)  # the high word dropped

    def test_dispatch_packet_and_kernarg_segment(self):
        out = np.zeros(3, np.uint32)
        launch(packet_kernel, (3, 1, 1), (20, 1, 1), out)
        self.assertEqual(list(out), [20, 60, 1])
        # a device address passes as it is
        memory = GlobalMemory()
        address = memory.allocate(np.zeros(3, np.uint32))
        launch(packet_kernel, 3, 20, address, memory=memory)
        self.assertEqual(list(memory.view(address, np.uint32, 3)), [20, 60, 1])

    def test_scalar_words(self):
        self.assertEqual(scalar_word(1.5, 4), 0x3FC00000)
        self.assertEqual(scalar_word(np.float16(1.0), 4), 0x3C00)
        self.assertEqual(scalar_word(-1, 4), 0xFFFFFFFF)
        self.assertEqual(scalar_word(-1, 8), 0xFFFFFFFFFFFFFFFF)
        self.assertEqual(scalar_word(2.0, 8), 0x4000000000000000)

    def test_atomics(self):
        out = np.array([0, -100], np.int32)
        launch(count_kernel, 2, 7, out)
        self.assertEqual(list(out), [14, 1])

    def test_barriers_run_in_lockstep(self):
        out = np.zeros(8, np.int32)
        result = launch(barrier_kernel, 1, 8, out)
        self.assertEqual(list(out), [1, 2, 3, 4, 5, 6, 7, 0])
        self.assertEqual(result.barriers, 1)

    def test_a_thread_leaving_while_others_wait_is_an_error(self):
        with self.assertRaisesRegex(RuntimeError, "returned while 3 wait at a barrier"):
            launch(early_return_kernel, 1, 4, np.zeros(1, np.int32))

    def test_symbols_are_placed_by_name_and_come_back(self):
        table, out = np.array([0, 42], np.uint32), np.zeros(3, np.uint32)
        launch(symbol_kernel, 1, 3, out, symbols={"table": table})
        self.assertEqual(list(out), [42, 42, 42])
        self.assertEqual(list(table), [3, 42])
        with self.assertRaisesRegex(LookupError, r"symbol 'table' was not given: launch\(\.\.\., "
                                                 r"symbols=\{'table': array\}\)"):
            launch(symbol_kernel, 1, 1, out)
        with self.assertRaisesRegex(TypeError, "symbol 'table' is given as bytes, not a NumPy "
                                               "array"):
            launch(symbol_kernel, 1, 1, out, symbols={"table": table.tobytes()})

    def test_argument_errors(self):
        with self.assertRaisesRegex(TypeError, r"missing arguments \['p2'\]"):
            launch(copy_kernel, 1, 1, np.zeros(1), np.zeros(1))
        with self.assertRaisesRegex(TypeError, "unexpected or repeated argument 'p0'"):
            launch(copy_kernel, 1, 1, np.zeros(1), p0=np.zeros(1), p1=np.zeros(1), p2=1)


if __name__ == "__main__":
    unittest.main()
