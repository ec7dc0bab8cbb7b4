#!/usr/bin/python3
"""kb/ci-torch-numpy: `swhost ci --frameworks numpy,torch` over the whole hub must run both
frameworks, find no mismatch or error (its exit status), and verify at least MINIMUM ops; the
record it writes is printed in summary and kept as BUILD_DIR/verified.json.

usage: ci_torch_numpy.py SWHOST BUILD_DIR PYTHON MINIMUM
"""
import json
import pathlib
import subprocess
import sys
import time


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    swhost, build, python, minimum = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    record_path = build / "verified.json"
    started = time.monotonic()
    run = subprocess.run([swhost, "ci", "--frameworks", "numpy,torch", "--python", python,
                          "--out", str(record_path)], cwd=build, text=True, capture_output=True)
    print(run.stdout + run.stderr, end="")
    print("swhost ci took %.1f s" % (time.monotonic() - started))
    if run.returncode != 0:
        return 1
    record = json.loads(record_path.read_text())
    problems = ["%s did not run: %s" % (name, entry.get("why"))
                for name, entry in record["frameworks"].items() if not entry["available"]]
    verified = record["summary"]["ops"].get("verified", 0)
    if verified < minimum:
        problems.append("only %d ops verified, expected at least %d" % (verified, minimum))
    for problem in problems:
        print("FAIL " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
