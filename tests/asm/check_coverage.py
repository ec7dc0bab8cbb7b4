#!/usr/bin/python3
"""Semantics coverage: every opcode in the fixture corpora has semantics data in its plugin.

    check_coverage.py SWHOST FIXTURES_DIR

Lifts every fixture under FIXTURES_DIR/{sass,rdna} and fails when swhost warns that an opcode
has no semantics or the output calls an `isa.OPCODE(...)` placeholder. A control listing with a
made-up opcode must trip both checks, so the test cannot pass by not looking.
"""
import os
import re
import subprocess
import sys
import tempfile

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
