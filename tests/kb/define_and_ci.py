#!/usr/bin/python3
"""kb/define-and-ci: `swhost define` adds an op to a project's knowledge overlay, a conversion
uses it at once, and `swhost ci` verifies it in PyTorch and NumPy.

In a fresh project folder whose manifest names `[knowledge] files = ["knowledge.toml"]`:
define tests/kb/define/addcdiv.toml (a new hub op `addcdiv`, spelled `torch.addcdiv`, the Tensor
method, and a NumPy expression); define it again, which must fail at the overlay's line; convert
a PyTorch file that calls `torch.addcdiv` and `x.addcdiv` to NumPy; run `swhost ci --ops
addcdiv`, which must verify both PyTorch spellings against the NumPy expression. Then define
tests/kb/define/special_log_softmax.toml, another spelling (`torch.special.log_softmax`) of an op
the torch spoke maps already, and verify it with `swhost ci --ops log_softmax`.

usage: define_and_ci.py SWHOST PYTHON SOURCE_DIR
"""
import json
import pathlib
import subprocess
import sys
import tempfile

MODEL = """import torch


def step(x, a, b):
    return torch.addcdiv(x, a, b, value=0.5) + x.addcdiv(a, b)
"""
# The expression names no NumPy API, so the import of torch goes and none comes.
EXPECTED = """

def step(x, a, b):
    return x + 0.5 * a / b + x + 1 * a / b
"""


def run(swhost, folder, *arguments):
    return subprocess.run([swhost, *arguments], cwd=folder, text=True, capture_output=True)


def another_spelling(swhost, folder, source):
    """`"log_softmax/special"` defined without a primary (the installed spoke has it), then run."""
    defined = run(swhost, folder, "define", str(source / "tests/kb/define/special_log_softmax.toml"))
    if defined.returncode != 0:
        return ["define another spelling: %d\n%s" % (defined.returncode, defined.stderr)]
    checked = run(swhost, folder, "ci", "--frameworks", "numpy,torch", "--ops", "log_softmax",
                  "--out", "verified-special.json")
    print(checked.stdout, end="")
    record = (json.loads((folder / "verified-special.json").read_text())
              if checked.returncode == 0 else {})
    pairs = {(p["left"], p["right"]): p["status"]
             for p in record.get("ops", {}).get("log_softmax", {}).get("pairs", [])}
    if pairs.get(("numpy", "torch/special")) != "verified":
        return ["ci of torch/special: %d %s\n%s" % (checked.returncode, pairs, checked.stderr)]
    return []


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    swhost, python, source = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
    definition = source / "tests/kb/define/addcdiv.toml"
    failures = []
    with tempfile.TemporaryDirectory() as name:
        folder = pathlib.Path(name)
        (folder / "switcheroo.toml").write_text(
            '[knowledge]\nfiles = ["knowledge.toml"]\npython = "%s"\n' % python)
        (folder / "model.py").write_text(MODEL)
        first = run(swhost, folder, "define", str(definition))
        if first.returncode != 0 or "defined 1 hub op 'addcdiv'" not in first.stdout:
            failures.append("define: %d\n%s%s" % (first.returncode, first.stdout, first.stderr))
        again = run(swhost, folder, "define", str(definition))
        expected_error = ("%s:4:1: error: hub op 'addcdiv' is already defined at %s:" %
                          (definition, folder / "knowledge.toml"))
        if again.returncode != 1 or not again.stderr.startswith(expected_error):
            failures.append("define again: %d\n%s" % (again.returncode, again.stderr))
        converted = run(swhost, folder, "convert", "model.py", "--source", "torch",
                        "--target", "numpy", "--out", "out.py")
        output = (folder / "out.py").read_text() if (folder / "out.py").exists() else ""
        if converted.returncode != 0 or output != EXPECTED:
            failures.append("convert: %d\n%s%s" % (converted.returncode, converted.stderr, output))
        checked = run(swhost, folder, "ci", "--frameworks", "numpy,torch", "--ops", "addcdiv",
                      "--out", "verified.json")
        print(checked.stdout, end="")
        record = json.loads((folder / "verified.json").read_text()) if checked.returncode == 0 else {}
        pairs = {(p["left"], p["right"]): p["status"]
                 for p in record.get("ops", {}).get("addcdiv", {}).get("pairs", [])}
        if pairs != {("numpy", "torch"): "verified", ("numpy", "torch/method"): "verified"}:
            failures.append("ci: %d %s\n%s%s" % (checked.returncode, pairs, checked.stdout,
                                                 checked.stderr))
        failures += another_spelling(swhost, folder, source)
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
