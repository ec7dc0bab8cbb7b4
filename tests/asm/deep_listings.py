#!/usr/bin/python3
"""Listings nested deep: 2,000 branches one inside the other, and 2,000 loops, lifted. Each must
lift (exit 0) into Python that parses, written as the state machine with its reason: nested
more than 48 deep, a structured kernel would pass CPython's 100 levels of indentation, and
writing it cost the square of its depth (5,000 nested branches took 232 s, 5,000 nested loops
148 MB and 12.8 s before 2026-12-07).

It also runs one: 60 branches nested, each taken by the threads below its level, counting the
levels passed and the join blocks run into a word stored per thread, lifted as the state
machine and launched with switcheroo_grid on 80 threads against its NumPy reference.

usage: deep_listings.py SWHOST PYTHON_DIR   (PYTHON_DIR holds switcheroo_grid)
"""
import ast
import importlib.util
import os
import subprocess
import sys
import tempfile

import numpy as np

DEPTH = 2000


class Listing:
    """A SASS listing of one kernel, written an instruction or a label at a time."""

    def __init__(self, kernel):
        self.lines = ['\t.headerflags\t@"EF_CUDA_SM80"', "        .global         " + kernel,
                      kernel + ":"]
        self.address = 0

    def instruction(self, text):
        self.lines.append("        /*%04x*/                   %s ;" % (self.address, text))
        self.address += 16

    def label(self, index):
        self.lines.append(".L_x_%d:" % index)

    def text(self):
        return "\n".join(self.lines) + "\n"


def listing(kind):
    out = Listing("deep")
    out.instruction("S2R R0, SR_TID.X")
    out.instruction("ISETP.GE.AND P0, PT, R0, 0x1, PT")
    if kind == "branches":
        for i in range(DEPTH):
            out.instruction("@P0 BRA `(.L_x_%d)" % i)
            out.instruction("IADD3 R1, R1, 0x1, RZ")
        for i in reversed(range(DEPTH)):
            out.label(i)
            out.instruction("IADD3 R2, R2, 0x1, RZ")
    else:
        for i in range(DEPTH):
            out.label(i)
            out.instruction("IADD3 R1, R1, 0x1, RZ")
        for i in reversed(range(DEPTH)):
            out.instruction("ISETP.GE.AND P1, PT, R1, 0x%x, PT" % (i + 5))
            out.instruction("@!P1 BRA `(.L_x_%d)" % i)
    out.instruction("EXIT")
    return out.text()


def counting_listing(depth):
    """Level i passes the threads with tid > i (adding 1); its join block adds 0x100."""
    out = Listing("nest")
    out.instruction("S2R R0, SR_TID.X")
    out.instruction("MOV R1, RZ")
    for i in range(depth):
        out.instruction("ISETP.GE.AND P0, PT, R0, 0x%x, PT" % (i + 1))
        out.instruction("@!P0 BRA `(.L_x_%d)" % i)
        out.instruction("IADD3 R1, R1, 0x1, RZ")
    for i in reversed(range(depth)):
        out.label(i)
        out.instruction("IADD3 R1, R1, 0x100, RZ")
    for text in ("MOV R5, 0x4", "ULDC.64 UR4, c[0x0][0x118]",
                 "IMAD.WIDE R2, R0, R5, c[0x0][0x160]", "STG.E [R2.64], R1", "EXIT"):
        out.instruction(text)
    return out.text()


def run_counting(swhost, python_dir, depth=60, threads=80):
    """None when the lifted state machine stores what the listing computes, else what differs."""
    sys.path.insert(0, python_dir)
    from switcheroo_grid import launch
    with tempfile.TemporaryDirectory() as work:
        listing_path, lifted = os.path.join(work, "nest.sass"), os.path.join(work, "nest.py")
        with open(listing_path, "w") as handle:
            handle.write(counting_listing(depth))
        run = subprocess.run([swhost, "convert", listing_path, "--target", "python", "--out",
                              lifted], capture_output=True, text=True, check=False)
        if run.returncode != 0:
            return "counting: exit %d\n%s" % (run.returncode, run.stderr[-1500:])
        spec = importlib.util.spec_from_file_location("nest", lifted)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out = np.zeros(threads, np.uint32)
        launch(module.nest, grid=1, block=threads, p0=out)
    tid = np.arange(threads)
    passed = np.minimum(tid, depth)
    want = passed + 0x100 * np.where(tid < depth, passed + 1, depth)
    if not np.array_equal(out, want):
        return "counting: stored %s, want %s" % (out[:8], want[:8])
    return None


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    failures = []
    for kind in ("branches", "loops"):
        with tempfile.NamedTemporaryFile("w", suffix=".sass") as handle:
            handle.write(listing(kind))
            handle.flush()
            run = subprocess.run([sys.argv[1], "convert", handle.name, "--target", "python"],
                                 capture_output=True, text=True, check=False)
        if run.returncode != 0:
            failures.append("%s: exit %d\n%s" % (kind, run.returncode, run.stderr[-1500:]))
            continue
        ast.parse(run.stdout)
        if "# control flow nested more than 48 deep: lifted as a state machine" not in run.stdout:
            failures.append("%s: not the state machine with its reason" % kind)
    counted = run_counting(sys.argv[1], sys.argv[2])
    if counted:
        failures.append(counted)
    for failure in failures:
        print(failure)
    print("deep listings: %d of 3 lifted (and the last run) as expected" % (3 - len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
