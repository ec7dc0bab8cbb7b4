"""switcheroo_grid: runs Python that swhost lifted from GPU assembly (NVIDIA SASS, AMD RDNA).

A lifted kernel is a function of the kernel's parameters and a keyword-only `grid`, called once
per thread. `launch` calls it over a grid of blocks with NumPy arrays as device buffers:

    import numpy as np
    from switcheroo_grid import launch
    import saxpy_lifted as lifted            # swhost convert saxpy.s --target python --out ...

    x = np.arange(100, dtype=np.float32)
    y = np.ones(100, np.float32)
    launch(lifted.saxpy, grid=4, block=32, p0=x, p1=y, p2=2.0, p3=100)
    # y is now 2 * x + 1

See docs/grid-runtime.md for everything the lifted code may call on `grid`.
"""
from .launch import Grid, LaunchResult, launch, scalar_word
from .lockstep import run_block_in_lockstep, with_barriers_as_yields
from .memory import GlobalMemory, SharedMemory, dispatch_packet

__all__ = ["Grid", "GlobalMemory", "LaunchResult", "SharedMemory", "dispatch_packet", "launch",
           "run_block_in_lockstep", "scalar_word", "with_barriers_as_yields"]
