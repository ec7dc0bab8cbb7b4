#!/usr/bin/python3
"""Real code: every model definition file of torchvision (Debian's python3-torchvision),
converted PyTorch -> Flax in one run. swhost must not crash, every output must parse as
Python, and the summary (calls converted and left unconverted) is printed. With the API
snapshots, every Flax/JAX/optax API the outputs use must exist there and take the keywords
and the number of positional arguments given (as for the golden outputs, emitted_api.py).

usage: torchvision_models.py SWHOST [SNAPSHOT_DIR]
"""
import ast
import os
import subprocess
import sys
import tempfile

import emitted_api

MODELS = "/usr/lib/python3/dist-packages/torchvision/models"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    snapshots = emitted_api.load_snapshots(sys.argv[2])["flax"] if len(sys.argv) == 3 else None
    checked = 0
    if not os.path.isdir(MODELS):
        print("python3-torchvision is not installed (scripts/test-packages.txt lists it)")
        return 1
    with tempfile.TemporaryDirectory(prefix="swtorchvision-") as out:
        result = subprocess.run([sys.argv[1], "convert", MODELS, "--source", "torch",
                                 "--target", "flax", "--out", out],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print("swhost failed (%d):\n%s" % (result.returncode, result.stderr[-4000:]))
            return 1
        inputs = sorted(os.path.relpath(os.path.join(folder, name), MODELS)
                        for folder, _, names in os.walk(MODELS)
                        for name in names if name.endswith(".py"))
        problems = []
        for name in inputs:
            path = os.path.join(out, name)
            if not os.path.exists(path):
                problems.append("%s: no output" % name)
                continue
            with open(path) as handle:
                try:
                    ast.parse(handle.read())
                except SyntaxError as error:
                    problems.append("%s: output does not parse: %s" % (name, error))
                    continue
            if snapshots is not None:
                checked += emitted_api.check_file(path, "flax", snapshots, problems)
        summary = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
        print("%d torchvision files; %s" % (len(inputs), summary[-1] if summary else "no summary"))
        if snapshots is not None:
            print("%d emitted API references checked against the snapshots" % checked)
        if problems:
            print("\n".join(problems))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
