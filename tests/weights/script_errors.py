#!/usr/bin/python3
"""A generated migration script refuses a checkpoint that does not match the model: each case
runs the script of tests/golden/weights/torch-to-flax/model.py (PyTorch -> Flax NNX) on a
checkpoint changed in one way, and standard error must be exactly the expected text, the exit
status 1 and no target file written. Then a good checkpoint goes through in each format the
script names (.pt, .safetensors, .npz), and --check writes nothing. Last, the tied weights of
tests/golden/weights/tied-torch-to-flax/model.py (an output projection sharing its embedding's
table, which Flax NNX calls through nnx.Embed.attend: its checkpoint holds the table alone): a
PyTorch checkpoint that lists the tied name once goes through, one whose two names differ is
refused, and so is a Flax checkpoint with a head kernel, which the converted model does not have.

usage: script_errors.py SWHOST
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "golden", "weights", "torch-to-flax", "model.py")
PYTHON = "/usr/bin/python3"

# case -> (change to the state_dict, expected standard error)
CASES = {
    "missing and unknown keys": (
        lambda state: (state.pop("head.bias"), state.__setitem__("head.extra", torch.zeros(2, 3))),
        "migrate.py: error: the source checkpoint does not match the model (2 problems):\n"
        "  missing: head.bias (the model declares (10,))\n"
        "  unknown: head.extra (2, 3)\n"
        "nothing was written\n"),
    "wrong shape": (
        lambda state: state.__setitem__("head.weight", torch.zeros(10, 5)),
        "migrate.py: error: the source checkpoint does not match the model (1 problems):\n"
        "  shape: head.weight is (10, 5), the model declares (10, 4)\n"
        "nothing was written\n"),
    "missing step counter": (
        lambda state: state.pop("stem.1.num_batches_tracked"),
        "migrate.py: error: the source checkpoint does not match the model (1 problems):\n"
        "  missing: stem.1.num_batches_tracked\n"
        "nothing was written\n"),
}


TIED = os.path.join(HERE, "..", "golden", "weights", "tied-torch-to-flax", "model.py")
TIED_DIFFER = ("migrate.py: error: the source checkpoint does not match the model (1 problems):\n"
               "  tied: %s differs from %s, which the model ties it to\n"
               "nothing was written\n")
HEAD_KERNEL = ("migrate.py: error: the source checkpoint does not match the model (1 problems):\n"
               "  unknown: head/kernel (4, 10)\n"
               "nothing was written\n")


def check_ties(swhost, temp, problems):
    """A checkpoint that lists the tied tensor once goes through; two names that differ do not."""
    for source, target in (("torch", "flax"), ("flax", "torch")):
        made = subprocess.run([swhost, "weights", TIED, "--class", "TiedLanguageModel", "--args", "10, 4", "--source",
                               source, "--target", target, "--out", os.path.join(temp, "migrate.py")],
                              capture_output=True, text=True, check=False)
        if made.returncode != 0:
            problems.append("tied %s -> %s: %s" % (source, target, made.stderr))
            return
        generator = np.random.default_rng(0)
        table = generator.standard_normal((10, 4)).astype(np.float32)
        norm = {"norm.weight": np.ones(4, np.float32), "norm.bias": np.zeros(4, np.float32)}
        if source == "torch":
            torch.save({"embed.weight": torch.from_numpy(table), **{k: torch.from_numpy(v) for k, v in norm.items()}},
                       os.path.join(temp, "once.pt"))
            result = run(["migrate.py", "once.pt", "once.npz"], temp)
            written = dict(np.load(os.path.join(temp, "once.npz"))) if result.returncode == 0 else {}
            if sorted(written) != ["embed/embedding", "norm/bias", "norm/scale"] or not np.array_equal(
                    written["embed/embedding"], table):
                problems.append("tied, listed once: %s %s" % (sorted(written), result.stderr))
            bad = {"embed.weight": torch.from_numpy(table), "head.weight": torch.from_numpy(table + 1),
                   **{k: torch.from_numpy(v) for k, v in norm.items()}}
            torch.save(bad, os.path.join(temp, "bad.pt"))
            result, expected = run(["migrate.py", "bad.pt", "tied.npz"], temp), TIED_DIFFER % ("head.weight", "embed.weight")
        else:
            np.savez(os.path.join(temp, "bad.npz"), **{"embed/embedding": table, "head/kernel": table.T * 2,
                                                       "norm/scale": norm["norm.weight"], "norm/bias": norm["norm.bias"]})
            result, expected = run(["migrate.py", "bad.npz", "tied.pt"], temp), HEAD_KERNEL
        written = os.path.exists(os.path.join(temp, "tied.npz")) or os.path.exists(os.path.join(temp, "tied.pt"))
        if result.returncode != 1 or result.stderr != expected or written:
            problems.append("tied %s -> %s, refused: status %d, stderr:\n%s"
                            % (source, target, result.returncode, result.stderr))


def model_state():
    sys.path.insert(0, os.path.dirname(MODEL))
    import model
    torch.manual_seed(0)
    return model.Net().state_dict()


def run(arguments, cwd):
    return subprocess.run([PYTHON] + arguments, capture_output=True, text=True, cwd=cwd, check=False)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    problems = []
    with tempfile.TemporaryDirectory(prefix="swweights-") as temp:
        script = os.path.join(temp, "migrate.py")
        made = subprocess.run([sys.argv[1], "weights", MODEL, "--source", "torch", "--target", "flax",
                               "--out", script], capture_output=True, text=True, check=False)
        if made.returncode != 0:
            print(made.stderr)
            return 1
        for name, (change, expected) in CASES.items():
            state = model_state()
            change(state)
            torch.save(state, os.path.join(temp, "bad.pt"))
            result = run(["migrate.py", "bad.pt", "out.npz"], temp)
            if result.returncode != 1 or result.stderr != expected or os.path.exists(os.path.join(temp, "out.npz")):
                problems.append("%s: status %d, stderr:\n%s" % (name, result.returncode, result.stderr))
            leftovers = [f for f in os.listdir(temp) if f.endswith(".tmp")]
            if leftovers:
                problems.append("%s: left %s behind" % (name, leftovers))
        state = model_state()
        torch.save(state, os.path.join(temp, "good.pt"))
        checked = run(["migrate.py", "good.pt", "--check"], temp)
        if checked.returncode != 0 or checked.stdout != "migrate.py: 13 tensors checked\n":
            problems.append("--check: status %d: %s%s" % (checked.returncode, checked.stdout, checked.stderr))
        results = {}
        for target in ("out.npz", "out.safetensors"):
            result = run(["migrate.py", "good.pt", target], temp)
            if result.returncode != 0:
                problems.append("%s: %s" % (target, result.stderr))
                continue
            results[target] = dict(np.load(os.path.join(temp, "out.npz"))) if target.endswith("npz") else None
        if "out.safetensors" in results and "out.npz" in results:
            # the NumPy safetensors reader of the script itself reads what its writer wrote
            namespace = {"__name__": "migrate"}
            exec(compile(open(script).read(), script, "exec"), namespace)
            read = namespace["read_safetensors"](os.path.join(temp, "out.safetensors"))
            npz = results["out.npz"]
            if sorted(read) != sorted(npz) or any(not np.array_equal(read[k], npz[k]) or read[k].dtype != npz[k].dtype
                                                  for k in npz):
                problems.append("safetensors and npz outputs differ")
        kernel = results.get("out.npz", {}).get("up/kernel")
        expected = np.flip(state["up.weight"].numpy(), axis=(2, 3)).transpose(2, 3, 0, 1)
        if kernel is None or not np.array_equal(kernel, expected):
            problems.append("the transposed convolution's kernel is not flipped and swapped")
        check_ties(sys.argv[1], temp, problems)
    print("\n".join(problems) if problems else "%d error cases, 3 formats and ties checked" % len(CASES))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
