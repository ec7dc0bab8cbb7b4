#!/usr/bin/python3
"""Semantics coverage: every opcode in the fixture corpora has semantics data in its plugin,
and every fixture is executed.

    check_coverage.py SWHOST FIXTURES_DIR

Lifts every fixture under FIXTURES_DIR/{sass,rdna} and fails when swhost warns that an opcode
has no semantics or the output calls an `isa.OPCODE(...)` placeholder. A control listing with a
made-up opcode must trip both checks, so the test cannot pass by not looking. It also fails
when a fixture's kernel has no NumPy reference in references.py: check_lifted.py runs every
fixture that has one, so each opcode the corpus holds runs in some test (at least where its
fixture's launch reaches it; the lifted code does not map lines back to instructions).
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import references  # noqa: E402

PLACEHOLDER = re.compile(r"^\s*(?:\w+ = )?(sass|rdna)\.(\w+)\(", re.MULTILINE)
WARNING = re.compile(r"warning: no semantics for '([^']+)'")
SASS_OPCODE = re.compile(r"^\s+/\*[0-9a-f]{4,}\*/\s+(?:@!?U?P\w+\s+)?([A-Z][A-Z0-9_.]*)", re.MULTILINE)
RDNA_OPCODE = re.compile(r"^\s+((?:s|v|global|ds|buffer|flat|scratch)_\w+)", re.MULTILINE)

CONTROL = """\t.headerflags\t@"EF_CUDA_SM80"
        .global         control
control:
        /*0000*/                   FRND.FLOOR R2, R3 ;
        /*0010*/                   EXIT ;
"""


def unlifted(swhost, path):
    """(opcodes swhost warned about, placeholder calls in the output)."""
    run = subprocess.run([swhost, "convert", path, "--target", "python"], capture_output=True,
                         text=True)
    if run.returncode != 0:
        sys.exit(f"{path}: swhost failed ({run.returncode}):\n{run.stderr}")
    return set(WARNING.findall(run.stderr)), set(PLACEHOLDER.findall(run.stdout))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    swhost, fixtures = sys.argv[1:]
    with tempfile.TemporaryDirectory() as temp:
        control = os.path.join(temp, "control.sass")
        with open(control, "w") as handle:
            handle.write(CONTROL)
        warned, calls = unlifted(swhost, control)
        if warned != {"FRND.FLOOR"} or calls != {("sass", "FRND_FLOOR")}:
            sys.exit(f"the control listing was not caught: warnings {warned}, calls {calls}")

    failures, opcodes = [], {"sass": set(), "rdna": set()}
    for isa, pattern in (("sass", SASS_OPCODE), ("rdna", RDNA_OPCODE)):
        folder = os.path.join(fixtures, isa)
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            with open(path) as handle:
                opcodes[isa].update(pattern.findall(handle.read()))
            if name.split(".")[0] not in references.KERNELS:
                failures.append(f"{isa}/{name}: no NumPy reference in references.py, so "
                                "nothing executes it")
            warned, calls = unlifted(swhost, path)
            if warned or calls:
                failures.append(f"{isa}/{name}: no semantics for {sorted(warned)}, "
                                f"placeholder calls {sorted(calls)}")
    if failures:
        sys.exit("\n".join(failures))
    # A corpus that shrank to nothing would pass the loop above trivially.
    if len(opcodes["sass"]) < 60 or len(opcodes["rdna"]) < 60:
        sys.exit(f"too few opcodes in the corpora: {len(opcodes['sass'])} SASS, "
                 f"{len(opcodes['rdna'])} RDNA")
    print(f"ok: {len(opcodes['sass'])} SASS and {len(opcodes['rdna'])} RDNA opcode spellings "
          "all have semantics")


if __name__ == "__main__":
    main()
