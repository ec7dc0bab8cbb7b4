#!/usr/bin/python3
"""`swhost convert -j N` gives what `-j 1` gives, byte for byte: the converted files (to standard
output and under --out), every diagnostic in input order, the summary and the exit status.
The inputs are the PyTorch test models, a package whose files import each other's classes
(the first pass's rngs facts must reach every worker), plus files that fail (a syntax error, an unreadable
encoding) and files with warnings, so that failures and reports are interleaved with results.

usage: parallel_jobs.py SWHOST MODELS_DIR
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

failures = []
ACROSS_FILES = (pathlib.Path(__file__).resolve().parents[1] /
                "golden/convert/torch-flax-rngs-across-files/pkg")


def run(swhost, arguments, kept=None):
    """`kept`: the bytes of source whose first-pass trees are kept (None: the default)."""
    env = dict(os.environ)
    if kept is not None:
        env["SWITCHEROO_FIRST_PASS_KEPT_BYTES"] = kept
    result = subprocess.run([swhost] + arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=300, env=env)
    return result.returncode, result.stdout, result.stderr


def tree(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(pathlib.Path(folder).rglob("*")) if path.is_file()}


def compare(name, one, other):
    for label, a, b in zip(("exit status", "standard output", "standard error"), one, other):
        if a != b:
            failures.append(f"{name}: {label} differs from -j 1")


def main():
    swhost, models = sys.argv[1], pathlib.Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as scratch:
        inputs = pathlib.Path(scratch) / "in"
        shutil.copytree(models, inputs)
        # A package whose files import each other's classes: the rngs facts of the first pass
        # must reach every worker.
        shutil.copytree(ACROSS_FILES, inputs / "pkg")
        (inputs / "broken.py").write_text("import torch\n\ndef f(x:\n    return x\n")
        (inputs / "latin1.py").write_bytes(b"import torch\n# caf\xe9\nx = torch.zeros(2)\n")
        (inputs / "unmapped.py").write_text(
            "import torch\n\n\ndef f(x):\n    return torch.special.zeta(x, x)\n")
        for target in ("flax", "numpy"):
            base = ["convert", "--source", "torch", "--target", target, str(inputs)]
            runs = {}
            for workers in ("1", "2", "3", "7", None):
                out = pathlib.Path(scratch) / f"failing-{target}-{workers}"
                runs[workers] = run(swhost, base + ["--out", str(out) + "/"] +
                                    (["-j", workers] if workers else []))
                if out.exists():
                    failures.append(f"{target} -j {workers}: written despite a failing input")
            if runs["1"][0] == 0 or b"broken.py:4:5: error: invalid syntax" not in runs["1"][2]:
                failures.append(f"{target}: -j 1 should fail on broken.py, got {runs['1'][0]}")
            for workers, result in runs.items():
                compare(f"{target} -j {workers}", runs["1"], result)
            # Without the failing files, results are written: the trees must match.
            for name in ("broken.py", "latin1.py"):
                (inputs / name).rename(pathlib.Path(scratch) / name)
            written = {}
            first = None
            # "2/0" and "1/0": no first-pass tree kept (each file parsed again where planned
            # again and by its conversion), as on a batch past the pass's memory bound
            for label in ("1", "2", "3", "2/0", "1/0"):
                workers, _, kept = label.partition("/")
                out = pathlib.Path(scratch) / f"out-{target}-{label.replace('/', '-')}"
                result = run(swhost, base + ["-j", workers, "--out", str(out) + "/"],
                             kept or None)
                workers = label
                if result[0] != 0:
                    failures.append(f"{target} -j {workers} --out: exit {result[0]}: "
                                    f"{result[2].decode(errors='replace')[-400:]}")
                written[workers] = tree(out)
                if target == "flax" and b"self.se = SqueezeBlock(channels, 2, rngs=rngs)" not in \
                        written[workers].get("pkg/models/net.py", b""):
                    failures.append(f"-j {workers}: pkg/models/net.py lacks the imported rngs")
                if workers != "1":
                    compare(f"{target} -j {workers} --out", first, result)
                    if written[workers] != written["1"]:
                        failures.append(f"{target} -j {workers}: the --out tree differs")
                else:
                    first = result
            for name in ("broken.py", "latin1.py"):
                (pathlib.Path(scratch) / name).rename(inputs / name)
        # Standard input among the inputs: converted in this process, in order.
        model = (models / sorted(p.name for p in models.glob("*.py"))[0]).read_bytes()
        piped = subprocess.run([swhost, "convert", "-s", "torch", "-t", "flax", "-j", "4", "-"],
                               input=model, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=120)
        alone = subprocess.run([swhost, "convert", "-s", "torch", "-t", "flax", "-j", "1", "-"],
                               input=model, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=120)
        compare("standard input -j 4", (alone.returncode, alone.stdout, alone.stderr),
                (piped.returncode, piped.stdout, piped.stderr))
    for failure in failures:
        print(failure)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
