#!/usr/bin/python3
"""Checks one lifted assembly fixture (registered per fixture by tests/asm/CMakeLists.txt).

    check_lifted.py SWHOST FIXTURE ISA

1. `swhost convert FIXTURE --target python` (the source ISA inferred) succeeds, its output parses
   as Python, and it is byte for byte tests/asm/expected/ISA/NAME.py.golden, with the warnings
   in NAME.stderr.golden (SWITCHEROO_UPDATE_GOLDEN=1 rewrites both; review the diff like code).
2. The loops of the output match the assembly: this script finds the loops in the listing on
   its own (backward branches by layout, one loop per distinct target, nesting by containment of
   the [target, branch] ranges) and compares their number and deepest nesting with the `while`
   statements of the lifted code.
3. When references.py has a case for the kernel (the fixture's name up to its first dot), the
   lifted function runs under switcheroo_grid (python/switcheroo_grid) and must leave every
   output array as NumPy computes it. Barrier kernels run in lockstep and must have passed at
   least one barrier.
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
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
import references  # noqa: E402
import switcheroo_grid  # noqa: E402


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
    # A branch back to a block that only ends the program (`s_endpgm`, after gfx11's
    # `s_sendmsg` that frees the VGPRs; LLVM may place it before later blocks, as in
    # half_axpy) closes no loop: it is left out.
    labels, branches, index, ends, block = {}, [], 0, set(), None
    for line in text.splitlines():
        code = line.split(";")[0].strip()
        label = re.match(r"^([.\w]+):$", code)
        if label:
            labels[label.group(1)] = block = index
        elif re.match(r"^[sv]_|^global_|^ds_|^buffer_|^flat_|^scratch_", code):
            index += 1
            branch = re.match(r"^s_(c?branch\w*)\s+(\S+)", code)
            if branch:
                branches.append((index - 1, branch.group(2)))
                block = None
            elif code == "s_endpgm" and block is not None:
                ends.add(block)
    return [(at, labels[target]) for at, target in branches if labels[target] not in ends]


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


# Fixtures whose lifted loops differ from the backward-branch count, by how much (count,
# deepest nesting). block_sum's -O1 RDNA loop has two backward branches to two targets, which
# this script counts as two loops; LLVM's own loop comments and the lifter see one. dot's -O1
# RDNA listing has the same tree loop, and the script's extra loop's range holds the atomic
# add's cmpswap loop, so it counts one nesting level more than LLVM's comments (two loops of
# depth 1) and the lifter. (softmax_row's -O2 max loop, pinned at +1 until 2026-12-07, is
# re-rolled since float max is the prelude's symmetric fmax.)
LOOP_COUNT_EXCEPTIONS = {
    **{f"block_sum.O1.{arch}.s": (-1, 0) for arch in ("gfx1010", "gfx1030", "gfx1100")},
    **{f"dot.O1.{arch}.s": (-1, -1) for arch in ("gfx1010", "gfx1030", "gfx1100")},
}


def kernel_function(module, kernel):
    """The lifted function of `kernel`; a C++ kernel's name carries its demangled signature."""
    if hasattr(module, kernel):
        return getattr(module, kernel)
    matches = [value for name, value in vars(module).items()
               if name.startswith(kernel + "_") and inspect.isfunction(value)]
    if len(matches) != 1:
        sys.exit(f"no single lifted function for kernel '{kernel}'")
    return matches[0]


def as_listed(function, arguments, memory):
    """The arguments as the lifted function's parameters group the words: without metadata
    (SASS) a 64-bit integer can show as two 32-bit parameters (index64's `n`), two adjacent
    32-bit integers read as one pair as one 64-bit parameter (matmul's `m, n` on sm_90), and a
    pointer read as two 32-bit words as two parameters (atomic_fmax's `result` on sm_80: such an
    array is placed in `memory` here and its address split). The first grouping (each argument
    as it is, then split, then merged with the next) that fills every parameter."""
    sizes = [size for _, _, size, *_ in function.parameters]
    placed = {}

    def split(value):
        if isinstance(value, np.ndarray):
            if id(value) not in placed:
                placed[id(value)] = (value, memory.allocate(value))
            value = placed[id(value)][1]
        return [value & 0xFFFFFFFF, value >> 32]  # low word, high word

    def group(slot, rest):
        if not rest or slot == len(sizes):
            return [] if not rest and slot == len(sizes) else None
        value, later = rest[0], rest[1:]
        # an array's address is 64 bits: never one 32-bit word
        pointer_word = isinstance(value, np.ndarray) and sizes[slot] == 4
        options = [] if pointer_word else [(lambda: [value], 1, later)]
        if isinstance(value, int) and sizes[slot] == 4 or pointer_word:
            options.append((lambda: split(value), 2, later))
        if isinstance(value, int) and sizes[slot] == 8 and later and isinstance(later[0], int):
            merged = (value & 0xFFFFFFFF) | ((later[0] & 0xFFFFFFFF) << 32)
            options.append((lambda: [merged], 1, later[1:]))
        for words, used, remaining in options:
            if used == 2 and (slot + 1 >= len(sizes) or sizes[slot + 1] != 4):
                continue
            tail = group(slot + used, remaining)
            if tail is not None:
                return words() + tail
        return None

    words = group(0, list(arguments))
    if words is None:
        sys.exit(f"the arguments do not fill the lifted parameters (sizes {sizes})")
    return words, list(placed.values())


def reference_check(module, isa, kernel, fixture):
    """Launches the lifted kernel with switcheroo_grid on the case in references.py and compares
    every output array with NumPy's."""
    case = references.case(kernel, isa, np.random.default_rng(5), os.path.basename(fixture))
    function = kernel_function(module, kernel)
    memory = switcheroo_grid.GlobalMemory()
    words, placed = as_listed(function, case.arguments, memory)
    result = switcheroo_grid.launch(function, case.grid, case.block, *words, memory=memory,
                                    constant_banks=case.constant_banks, symbols=case.symbols)
    for array, address in placed:  # launch copies back the arrays it placed itself
        array.reshape(-1).view(np.uint8)[:] = memory.view(address, np.uint8, array.nbytes)
    if case.barriers and result.barriers < 1:
        sys.exit(f"lifted '{kernel}' ran without reaching a barrier")
    for index, (actual, expected) in enumerate(case.outputs):
        if np.issubdtype(expected.dtype, np.integer):
            same = np.array_equal(actual, expected)
        else:
            same = np.allclose(actual, expected, rtol=case.tolerance, atol=case.tolerance)
        if not same:
            sys.exit(f"lifted '{kernel}' disagrees with NumPy in output {index}:\n"
                     f"actual   {actual.reshape(-1)}\nexpected {expected.reshape(-1)}")


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
    if len(sys.argv) != 4:
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
        # Each re-rolled loop (loop_reroll.h) is the listing's loops its comment names as one:
        # the main loop and the remainder, and the loops of nvcc's chain before them.
        folded = sum(len(re.findall(r"\bx\d+ (?:main )?loop\b", line))
                     for line in source.splitlines() if "# re-rolled: " in line)
        actual = (actual[0] + folded, actual[1])
        name = os.path.basename(fixture)
        if name in LOOP_COUNT_EXCEPTIONS:
            # Execution still checks what it computes; the count is pinned so that a fix shows up.
            count, depth = LOOP_COUNT_EXCEPTIONS[name]
            expected = (expected[0] + count, expected[1] + depth)
        if expected != actual:
            sys.exit(f"loops (count, deepest nesting): assembly {expected}, lifted {actual}")
        kernel = os.path.basename(fixture).split(".")[0]
        if kernel in references.KERNELS:
            sys.path.insert(0, temp)
            import lifted
            reference_check(lifted, isa, kernel, fixture)
            if hasattr(lifted, "fchk"):
                # FCHK sends a division to the slow-path subroutine only for extreme operands;
                # forcing it runs the lifted subroutine on every element.
                lifted.fchk = lambda numerator, denominator: True
                reference_check(lifted, isa, kernel, fixture)
    print(f"ok: loops {actual}")


if __name__ == "__main__":
    main()
