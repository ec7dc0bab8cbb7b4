#!/usr/bin/python3
"""Golden test of one model conversion: runs `swhost convert MODEL --source S --target T` in the
model's folder and compares standard output, standard error and the exit code with
expected/<S>-<T>/<model>.py, .stderr and .status (absent: 0). The output must also be valid
Python and the same on a second run (deterministic).

usage: check_conversion.py SWHOST MODEL_FILE EXPECTED_STEM SOURCE TARGET [EXTRA_ARG...]

SWITCHEROO_UPDATE_GOLDEN=1 writes the expected files from the actual results instead (review
the diff like code).
"""
import ast
import difflib
import os
import subprocess
import sys


def run(swhost, model, source, target, extra):
    folder, name = os.path.split(os.path.abspath(model))
    return subprocess.run([swhost, "convert", name, "--source", source, "--target", target] + extra,
                          cwd=folder, capture_output=True, text=True, check=False)


def read(path):
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return handle.read()


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    swhost, model, stem, source, target = sys.argv[1:6]
    extra = sys.argv[6:]
    result = run(swhost, model, source, target, extra)
    actual = {".py": result.stdout, ".stderr": result.stderr,
              ".status": None if result.returncode == 0 else "%d\n" % result.returncode}
    if os.environ.get("SWITCHEROO_UPDATE_GOLDEN") == "1":
        os.makedirs(os.path.dirname(stem), exist_ok=True)
        for suffix, text in actual.items():
            path = stem + suffix
            if text:
                with open(path, "w") as handle:
                    handle.write(text)
            elif os.path.exists(path):
                os.remove(path)
        return 0
    failures = []
    for suffix, text in actual.items():
        expected = read(stem + suffix) or None
        if (text or None) != expected:
            diff = difflib.unified_diff((expected or "").splitlines(True), (text or "").splitlines(True),
                                        "expected" + suffix, "actual" + suffix)
            failures.append("".join(diff))
    if result.returncode == 0:
        try:
            ast.parse(result.stdout)
        except SyntaxError as error:
            failures.append("the output is not valid Python: %s" % error)
        again = run(swhost, model, source, target, extra)
        if again.stdout != result.stdout or again.stderr != result.stderr:
            failures.append("a second run gave different output")
    if failures:
        print("\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
