#!/usr/bin/python3
"""Checks one lifted assembly fixture (registered per fixture by tests/asm/CMakeLists.txt).

    check_lifted.py SWHOST FIXTURE ISA [KERNEL]

1. `swhost convert FIXTURE --target python` (the source ISA inferred) succeeds, its output parses
   as Python, and it is byte for byte tests/asm/expected/ISA/NAME.py.golden, with the warnings
   in NAME.stderr.golden (SWITCHEROO_UPDATE_GOLDEN=1 rewrites both; review the diff like code).
2. The loops of the output match the assembly: this script finds the loops in the listing on
   its own (backward branches by layout, one loop per distinct target, nesting by containment of
   the [target, branch] ranges) and compares their number and deepest nesting with the `while`
   statements of the lifted code.
3. With KERNEL (elementwise, branchy, grid_stride, gemm_naive, softmax, and the barrier kernels
   gemm_tiled and reduce_sum), the lifted function runs under grid_emulator.py and must
   reproduce a NumPy reference. Barrier kernels run with threads as generators that yield at
   each `grid.barrier()`, and must have passed at least one barrier.
"""
import ast
import difflib
import inspect
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grid_emulator  # noqa: E402


def sass_branches(text):
    """(position, target position) of every branch, positions being instruction addresses."""
    labels, branches, pending = {}, [], []
    for line in text.splitlines():
        label = re.match(r"^\s*([.$\w]+):\s*$", line)
        if label:
            pending.append(label.group(1))
            continue
        match = re.match(r"^\s*/\*([0-9a-f]{4,})\*/\s+(@!?U?P\w+\s+)?(\S+)\s*([^;]*);", line)
        if not match:
            continue
        address = int(match.group(1), 16)
        for name in pending:
            labels[name] = address
        pending = []
        if match.group(3).split(".")[0] == "BRA":
            target = match.group(4).split(",")[-1].strip()
            named = re.search(r"`\(([^)]+)\)", target)
            branches.append((address, named.group(1) if named else int(target, 16)))
    return [(at, labels[t] if isinstance(t, str) else t) for at, t in branches]


def rdna_branches(text):
    labels, branches, index = {}, [], 0
    for line in text.splitlines():
        code = line.split(";")[0].strip()
        label = re.match(r"^([.\w]+):$", code)
        if label:
            labels[label.group(1)] = index
        elif re.match(r"^[sv]_|^global_|^ds_|^buffer_|^flat_|^scratch_", code):
            index += 1
            branch = re.match(r"^s_(c?branch\w*)\s+(\S+)", code)
            if branch:
                branches.append((index - 1, branch.group(2)))
    return [(at, labels[target]) for at, target in branches]


def assembly_loops(branches):
    """Number of loops and deepest nesting, from backward branches."""
    ranges = {}
    for at, target in branches:
        if target < at:
            ranges[target] = max(ranges.get(target, at), at)
    spans = sorted(ranges.items())
    depth = 0
    for start, end in spans:
        depth = max(depth, sum(1 for s, e in spans if s <= start and end <= e))
    return len(spans), depth


def python_loops(tree):
    count, deepest = 0, 0

    def walk(node, depth):
        nonlocal count, deepest
        for child in ast.iter_child_nodes(node):
            inner = depth
            if isinstance(child, (ast.While, ast.For)):
                count += 1
                inner = depth + 1
                deepest = max(deepest, inner)
            walk(child, inner)

    for function in tree.body:
        if isinstance(function, ast.FunctionDef) and any(a.arg == "grid" for a in function.args.kwonlyargs):
            walk(function, 0)
    return count, deepest


# Launch shapes: the CUDA kernels read blockDim, the OpenCL ones assume fixed work-group sizes
# (256, and 16x16 for GEMM), so RDNA launches use those.
LAUNCHES = {
    ("sass", "elementwise"): ((3, 1, 1), (16, 1, 1)),
    ("sass", "branchy"): ((3, 1, 1), (16, 1, 1)),
    ("sass", "grid_stride"): ((2, 1, 1), (8, 1, 1)),
    ("sass", "gemm_naive"): ((1, 1, 1), (8, 8, 1)),
    ("rdna", "elementwise"): ((1, 1, 1), (256, 1, 1)),
    ("rdna", "branchy"): ((1, 1, 1), (256, 1, 1)),
    ("rdna", "grid_stride"): ((1, 1, 1), (16, 1, 1)),
    ("rdna", "gemm_naive"): ((1, 1, 1), (16, 16, 1)),
    ("sass", "softmax"): ((2, 1, 1), (4, 1, 1)),
    ("rdna", "softmax"): ((1, 1, 1), (8, 1, 1)),
    # 16x16 tiles; m = 17 and n = 5 leave rows and columns of the block outside C, k = 20 a
    # partial second tile.
    ("sass", "gemm_tiled"): ((1, 2, 1), (16, 16, 1)),
    ("rdna", "gemm_tiled"): ((1, 2, 1), (16, 16, 1)),
    ("sass", "reduce_sum"): ((3, 1, 1), (64, 1, 1)),
    ("rdna", "reduce_sum"): ((2, 1, 1), (256, 1, 1)),
}
BARRIER_KERNELS = {"gemm_tiled", "reduce_sum"}


def kernel_function(module, kernel):
    """The lifted function of `kernel`; a C++ kernel's name carries its demangled signature."""
    if hasattr(module, kernel):
        return getattr(module, kernel)
    matches = [value for name, value in vars(module).items()
               if name.startswith(kernel + "_") and inspect.isfunction(value)]
    if len(matches) != 1:
        sys.exit(f"no single lifted function for kernel '{kernel}'")
    return matches[0]


def reference_check(module, isa, kernel):
    rng = np.random.default_rng(5)
    memory = grid_emulator.Memory()
    function = kernel_function(module, kernel)
    if kernel in BARRIER_KERNELS:
        function = grid_emulator.with_barriers_as_yields(function)
    grid, block = LAUNCHES[(isa, kernel)]
    tolerance = 1e-5
    n = 45
    x = rng.standard_normal(n).astype(np.float32)
    other = rng.standard_normal(n).astype(np.float32)
    if kernel == "elementwise":
        out = memory.allocate(np.zeros(n, np.float32))
        arguments = [memory.allocate(x), memory.allocate(other), out, 1.5, n]
        expected = x * np.float32(1.5) + other
    elif kernel == "branchy":
        out = memory.allocate(np.zeros(n, np.float32))
        arguments = [memory.allocate(x), out, 0.25, 0.8, n]
        expected = np.where(x < 0, x * np.float32(0.25), np.minimum(x, np.float32(0.8)))
    elif kernel == "grid_stride":
        out = memory.allocate(other)
        arguments = [memory.allocate(x), out, 2.0, n]
        if isa == "rdna":
            arguments.append(grid[0] * block[0])  # the OpenCL kernel takes its stride
        expected = np.float32(2.0) * x + other
    elif kernel == "softmax":
        rows, cols = 5, 7
        values = rng.standard_normal((rows, cols)).astype(np.float32) * np.float32(3)
        out = memory.allocate(np.zeros((rows, cols), np.float32))
        arguments = [memory.allocate(values), out, rows, cols]
        e = np.exp(values - values.max(axis=1, keepdims=True))
        expected = (e / e.sum(axis=1, keepdims=True)).reshape(-1)
    elif kernel == "reduce_sum":
        n = 150 if isa == "sass" else 300
        values = rng.standard_normal(n).astype(np.float32)
        out = memory.allocate(np.zeros(grid[0], np.float32))
        arguments = [memory.allocate(values), out, n]
        padded = np.zeros(grid[0] * block[0], np.float64)
        padded[:n] = values
        expected = padded.reshape(grid[0], block[0]).sum(axis=1)
        tolerance = 1e-4  # float32 tree sums against a float64 reference
    elif kernel == "gemm_tiled":
        m, n, k = 17, 5, 20
        a = rng.standard_normal((m, k)).astype(np.float32)
        b = rng.standard_normal((k, n)).astype(np.float32)
        out = memory.allocate(np.zeros((m, n), np.float32))
        arguments = [memory.allocate(a), memory.allocate(b), out, m, n, k]
        expected = (a @ b).reshape(-1)
    else:
        m, n, k = 5, 6, 7
        a = rng.standard_normal((m, k)).astype(np.float32)
        b = rng.standard_normal((k, n)).astype(np.float32)
        out = memory.allocate(np.zeros((m, n), np.float32))
        arguments = [memory.allocate(a), memory.allocate(b), out, m, n, k]
        expected = (a @ b).reshape(-1)
    rounds = grid_emulator.launch(function, memory, grid, block, arguments)
    if kernel in BARRIER_KERNELS and rounds < 2:
        sys.exit(f"lifted '{kernel}' ran without reaching a barrier")
    actual = memory.read(out, np.float32)
    if not np.allclose(actual, expected, rtol=tolerance, atol=tolerance):
        sys.exit(f"lifted '{kernel}' disagrees with NumPy:\nactual   {actual}\nexpected {expected}")


HERE = os.path.dirname(os.path.abspath(__file__))


def compare_golden(isa, fixture, name, actual):
    """Compares `actual` with expected/ISA/<fixture>.<name>.golden; returns a diff or ''."""
    path = os.path.join(HERE, "expected", isa, f"{os.path.basename(fixture)}.{name}.golden")
    if os.environ.get("SWITCHEROO_UPDATE_GOLDEN") == "1":
        if actual:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as handle:
                handle.write(actual)
        elif os.path.exists(path):
            os.remove(path)
        return ""
    expected = ""
    if os.path.exists(path):
        with open(path) as handle:
            expected = handle.read()
    if expected == actual:
        return ""
    return "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        fromfile=os.path.relpath(path, HERE), tofile="actual"))


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    swhost, fixture, isa = sys.argv[1:4]
    fixture = os.path.abspath(fixture)
    with tempfile.TemporaryDirectory() as temp:
        out = os.path.join(temp, "lifted.py")
        # Run from tests/asm so that the paths in the output do not depend on the checkout.
        run = subprocess.run([swhost, "convert", os.path.relpath(fixture, HERE), "--target",
                              "python", "--out", out], capture_output=True, text=True, cwd=HERE)
        if run.returncode != 0:
            sys.exit(f"swhost failed ({run.returncode}):\n{run.stderr}")
        with open(out) as handle:
            source = handle.read()
        tree = ast.parse(source, out)
        differences = compare_golden(isa, fixture, "py", source) + \
            compare_golden(isa, fixture, "stderr", run.stderr)
        if differences:
            sys.exit(f"lifted output differs from the golden files:\n{differences}")
        with open(fixture) as handle:
            listing = handle.read()
        branches = sass_branches(listing) if isa == "sass" else rdna_branches(listing)
        expected = assembly_loops(branches)
        actual = python_loops(tree)
        if expected != actual:
            sys.exit(f"loops (count, deepest nesting): assembly {expected}, lifted {actual}")
        if len(sys.argv) == 5:
            sys.path.insert(0, temp)
            import lifted
            reference_check(lifted, isa, sys.argv[4])
            if hasattr(lifted, "fchk"):
                # FCHK sends a division to the slow-path subroutine only for extreme operands;
                # forcing it runs the lifted subroutine on every element.
                lifted.fchk = lambda numerator, denominator: True
                reference_check(lifted, isa, sys.argv[4])
    print(f"ok: loops {actual}")


if __name__ == "__main__":
    main()
