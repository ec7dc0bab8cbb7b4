#!/usr/bin/python3
"""kb/ci-flax-standin: `swhost ci --frameworks flax,torch --stand-in flax=tests/standin` runs every
hub op mapped in both with Flax's spellings under the NumPy stand-in of jax and flax.nnx
(tests/standin) and PyTorch's under PyTorch. The stand-in must be what ran; the ops that do not
agree must be exactly those listed below with their reasons (a new one fails, and so does a
listed one that agrees: then the list must shrink); at least MINIMUM ops must agree; and `swhost
matrix --verified` on the record must count Flax's mappings numeric under a stand-in.

usage: ci_standin.py SWHOST BUILD_DIR PYTHON SOURCE_DIR MINIMUM
"""
import json
import pathlib
import subprocess
import sys
import time

from kb_common import load_matrix

# op -> why its Flax and PyTorch spellings do not agree under the stand-in
KNOWN = {}


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    swhost, build, python = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
    standin, minimum = pathlib.Path(sys.argv[4]) / "tests" / "standin", int(sys.argv[5])
    record_path = build / "verified-standin.json"
    started = time.monotonic()
    run = subprocess.run([swhost, "ci", "--frameworks", "flax,torch", "--python", python,
                          "--stand-in", "flax=%s" % standin, "--out", str(record_path)],
                         cwd=build, text=True, capture_output=True)
    print(run.stdout + run.stderr, end="")
    print("swhost ci took %.1f s" % (time.monotonic() - started))
    record = json.loads(record_path.read_text())
    problems = []
    flax = record["frameworks"]["flax"]
    if not flax["available"] or flax.get("stand_in") != str(standin.resolve()):
        problems.append("flax did not run under the stand-in: %s" % flax)
    failing = {op for op, entry in record["ops"].items()
               if any(pair["status"] in ("mismatch", "error") for pair in entry.get("pairs", []))
               or "failed" in entry}
    problems += ["%s does not agree and is not listed" % op for op in sorted(failing - set(KNOWN))]
    problems += ["%s agrees now: take it off KNOWN" % op for op in sorted(set(KNOWN) - failing)]
    verified = record["summary"]["ops"].get("verified", 0)
    if verified < minimum:
        problems.append("only %d ops verified, expected at least %d" % (verified, minimum))
    matrix = load_matrix(swhost, build, ["--verified", str(record_path)])
    column = next(f for f in matrix["frameworks"] if f["framework"] == "flax")
    numeric = column["verified"].get("numeric", 0)
    print("swhost matrix: flax %d numeric (under the stand-in %s) of %d mapped"
          % (numeric, column.get("stand_in"), column["ops"]))
    if column.get("stand_in") != str(standin.resolve()) or numeric < minimum:
        problems.append("swhost matrix does not count flax numeric under the stand-in: %s" % column)
    for problem in problems:
        print("FAIL " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
