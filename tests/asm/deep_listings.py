#!/usr/bin/python3
"""Listings nested deep: 2,000 branches one inside the other, and 2,000 loops, lifted. Each must
lift (exit 0) into Python that parses, written as the state machine with its reason: nested
more than 48 deep, a structured kernel would pass CPython's 100 levels of indentation, and
writing it cost the square of its depth (5,000 nested branches took 232 s, 5,000 nested loops
148 MB and 12.8 s before 2026-12-07).

usage: deep_listings.py SWHOST
"""
import ast
import subprocess
import sys
import tempfile

DEPTH = 2000


def listing(kind):
    lines = ['\t.headerflags\t@"EF_CUDA_SM80"', "        .global         deep", "deep:"]
    address = 0

    def instruction(text):
        nonlocal address
        lines.append("        /*%04x*/                   %s ;" % (address, text))
        address += 16

    instruction("S2R R0, SR_TID.X")
    instruction("ISETP.GE.AND P0, PT, R0, 0x1, PT")
    if kind == "branches":
        for i in range(DEPTH):
            instruction("@P0 BRA `(.L_x_%d)" % i)
            instruction("IADD3 R1, R1, 0x1, RZ")
        for i in reversed(range(DEPTH)):
            lines.append(".L_x_%d:" % i)
            instruction("IADD3 R2, R2, 0x1, RZ")
    else:
        for i in range(DEPTH):
            lines.append(".L_x_%d:" % i)
            instruction("IADD3 R1, R1, 0x1, RZ")
        for i in reversed(range(DEPTH)):
            instruction("ISETP.GE.AND P1, PT, R1, 0x%x, PT" % (i + 5))
            instruction("@!P1 BRA `(.L_x_%d)" % i)
    instruction("EXIT")
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) != 2:
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
    for failure in failures:
        print(failure)
    print("deep listings: %d of 2 lifted as expected" % (2 - len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
