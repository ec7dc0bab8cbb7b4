#!/usr/bin/python3
"""Deep expressions, every shape the mutation fuzz knows, at every depth it tries, inside a
model's forward pass, converted in every direction: what convert_fuzz.py reaches only when its
seeded, time-bound walk happens upon it (two sanitizer runs of 2026-12-07 crashed with a stack
overflow on the next such input only once the one before was fixed), run each time.

Each run must end as convert_fuzz.py demands: exit 0 and valid Python, or exit 1 with located
diagnostics; never a signal or an internal error.

usage: deep_nesting.py SWHOST [--quick] [DEPTH ...]
    DEPTH: default, the fuzz's depths of 1,000 and more
    --quick: each source converted to one target only (torch and numpy to flax, flax to torch)

All 360 conversions took 27 s of CPU in the release build and 893 s under ASan (2026-12-07,
with five other jobs on the machine), so the sanitizer pass runs `--quick 3000`, the depth at
which both of that day's overflows under ASan happened.
"""
import ast
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from convert_fuzz import DEPTHS, DIRECTIONS, HOSTILE, problem_of  # noqa: E402

QUICK = [("torch", "flax"), ("flax", "torch"), ("numpy", "flax")]

# A model of each source framework whose forward pass holds the statement, so the engine's
# analyses of a forward pass (tensor values, layouts, layers) all walk it.
MODELS = {
    "torch": "import torch\n\n\nclass M(torch.nn.Module):\n    def forward(self, x):\n"
             "        {statement}\n        return h\n",
    "flax": "from flax import nnx\n\n\nclass M(nnx.Module):\n    def __call__(self, x):\n"
            "        {statement}\n        return h\n",
    "numpy": "import numpy as np\n\n\ndef f(x):\n    {statement}\n    return h\n",
}


def run_one(swhost, path, source, target, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    try:
        ast.parse(text)
        valid = True
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        valid = False
    try:
        result = subprocess.run([swhost, "convert", path, "--source", source, "--target", target],
                                capture_output=True, text=True, check=False, timeout=120)
    except subprocess.TimeoutExpired:
        return "no result in 120 s", ""
    return problem_of(result, valid), result.stderr[-1500:]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    swhost, arguments = sys.argv[1], sys.argv[2:]
    quick = "--quick" in arguments
    depths = [int(depth) for depth in arguments if depth != "--quick"]
    depths = depths or [d for d in DEPTHS if d >= 1000]
    directions = QUICK if quick else DIRECTIONS
    failures = runs = 0
    with tempfile.TemporaryDirectory(prefix="swdeep-") as work:
        path = os.path.join(work, "model.py")
        for prefix, middle, suffix in HOSTILE:
            for depth in depths:
                statement = "h = " + prefix * depth + middle + suffix * depth
                for source, target in directions:
                    text = MODELS[source].format(statement=statement)
                    problem, stderr = run_one(swhost, path, source, target, text)
                    runs += 1
                    if problem:
                        failures += 1
                        print("%s -> %s, h = %r * %d + %r + %r * %d: %s\n%s" % (
                            source, target, prefix, depth, middle, suffix, depth, problem,
                            stderr))
    print("deep nesting: %d conversions, %d failed" % (runs, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
