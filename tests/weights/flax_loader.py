#!/usr/bin/python3
"""What a generated migration script gives a Flax NNX program (docs/weights.md): load_into,
which loads the checkpoint it wrote into the converted model, save_from, which saves one from
a model for the script back, and the orbax format. Run on
tests/golden/weights/torch-to-flax/model.py, converted by `swhost convert` and built under the
NumPy stand-in of flax.nnx (tests/standin):
- load_into refuses a checkpoint with a missing, an unknown and a misshapen tensor, listing
  them, and leaves the model as it was;
- orbax is not installed here: --target-format orbax fails naming the package and writes
  nothing, and load_into(..., checkpoint_format="orbax") raises ImportError;
- with a test double of orbax.checkpoint (fake_orbax: the four calls the format makes), a
  PyTorch checkpoint goes to an orbax directory, load_into loads it into the converted model,
  whose variables then hold the .npz checkpoint's tensors; save_from saves the model to
  another orbax directory, and the script back gives the original state_dict bit for bit.
(That the converted models compute PyTorch's outputs with the checkpoints load_into loads is
weights/test-models' check, tests/weights/round_trip.py.)

usage: flax_loader.py SWHOST
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "..", "standin"), os.path.join(HERE, "..", "convert")]

import numpy as np  # noqa: E402
import torch  # noqa: E402

import numeric_files  # noqa: E402
import round_trip  # noqa: E402
import run_conversions  # noqa: E402
from flax import nnx  # noqa: E402

MODEL = os.path.join(HERE, "..", "golden", "weights", "torch-to-flax", "model.py")
FAKE_ORBAX = os.path.join(HERE, "fake_orbax")
PYTHON = "/usr/bin/python3"
REFUSED = ("%s does not match the model (3 problems):\n"
           "  differs: norm/scale is float32 (5,), the model holds float32 (4,)\n"
           "  missing: head/bias (the model holds (10,))\n"
           "  unknown: head/extra (2,)")


def run(command, temp, orbax=False):
    environment = dict(os.environ, PYTHONPATH=FAKE_ORBAX) if orbax else None
    return subprocess.run([PYTHON] + command, cwd=temp, capture_output=True, text=True, check=False, env=environment)


def values(model):
    return {path: np.array(variable.value) for path, variable in round_trip.checkpointed_variables(model)}


def check_refused(to_flax, model, temp, problems):
    """A checkpoint with a tensor missing, one unknown and one misshapen is refused whole."""
    with np.load(os.path.join(temp, "net.npz")) as archive:
        tensors = {key: archive[key] for key in archive.files}
    tensors.pop("head/bias")
    tensors["head/extra"] = np.zeros(2, np.float32)
    tensors["norm/scale"] = np.zeros(5, np.float32)
    bad = os.path.join(temp, "bad.npz")
    np.savez(bad, **tensors)
    before = values(model)
    try:
        to_flax.load_into(model, bad)
        problems.append("load_into took a checkpoint that does not match the model")
    except to_flax.MigrationError as error:
        if str(error) != REFUSED % bad:
            problems.append("load_into refused with:\n%s" % error)
    after = values(model)
    if any(not np.array_equal(before[key], after[key]) for key in before):
        problems.append("a refused checkpoint changed the model")


def check_without_orbax(to_flax, model, temp, problems):
    result = run(["to_flax.py", "net.pt", "net.orbax", "--target-format", "orbax"], temp)
    expected = ("to_flax.py: error: the checkpoint format needs the Python package 'orbax'\n"
                "nothing was written\n")
    if result.returncode != 1 or result.stderr != expected:
        problems.append("orbax without orbax: status %d, stderr:\n%s" % (result.returncode, result.stderr))
    if [name for name in os.listdir(temp) if "orbax" in name]:
        problems.append("orbax without orbax left %s" % os.listdir(temp))
    try:
        to_flax.load_into(model, os.path.join(temp, "net.npz"), checkpoint_format="orbax")
        problems.append("load_into read orbax without orbax")
    except ImportError as error:
        if error.name != "orbax":
            problems.append("load_into without orbax: %s" % error)


def check_orbax(to_flax, from_flax, model, temp, problems):
    """PyTorch -> orbax -> the converted model -> orbax -> PyTorch, through the test double."""
    result = run(["to_flax.py", "net.pt", "net.orbax", "--target-format", "orbax"], temp, orbax=True)
    if result.returncode != 0:
        problems.append("to_flax.py net.pt net.orbax: %s" % result.stderr)
        return
    sys.path.insert(0, FAKE_ORBAX)
    import orbax.checkpoint
    to_flax.load_into(model, os.path.join(temp, "net.orbax"), checkpoint_format="orbax")
    with np.load(os.path.join(temp, "net.npz")) as archive:
        loaded = values(model)
        if sorted(loaded) != sorted(archive.files) or any(
                not np.array_equal(loaded[key], archive[key]) for key in archive.files):
            problems.append("the model loaded from orbax differs from the .npz checkpoint")
    from_flax.save_from(model, os.path.join(temp, "saved.orbax"), checkpoint_format="orbax")
    if orbax.checkpoint.CALLS != ["restore", "save", "wait_until_finished"]:
        problems.append("orbax calls: %s" % orbax.checkpoint.CALLS)
    result = run(["from_flax.py", "saved.orbax", "back.pt", "--source-format", "orbax"], temp, orbax=True)
    if result.returncode != 0:
        problems.append("from_flax.py saved.orbax: %s" % result.stderr)
        return
    back, original = torch.load(os.path.join(temp, "back.pt")), torch.load(os.path.join(temp, "net.pt"))
    if list(back) != list(original) or any(not torch.equal(back[key], original[key]) for key in original):
        problems.append("PyTorch -> orbax -> Flax NNX -> orbax -> PyTorch changed the state_dict")
    leftovers = [name for name in os.listdir(temp) if name.endswith(".tmp")]
    if leftovers:
        problems.append("left %s behind" % leftovers)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    swhost, problems = sys.argv[1], []
    with tempfile.TemporaryDirectory(prefix="swweights-") as temp:
        for source, target, name in (("torch", "flax", "to_flax.py"), ("flax", "torch", "from_flax.py")):
            subprocess.run([swhost, "weights", MODEL, "--source", source, "--target", target, "--out",
                            os.path.join(temp, name)], check=True, capture_output=True)
        run_conversions.convert(swhost, MODEL, os.path.join(temp, "converted.py"))
        converted = numeric_files.load(os.path.join(temp, "converted.py"), "converted_net")
        model = converted.Net(rngs=nnx.Rngs(0))
        torch.manual_seed(0)
        torch_model = numeric_files.load(MODEL, "torch_net").Net()
        state = {key: torch.randn(value.shape) if value.is_floating_point() else value
                 for key, value in torch_model.state_dict().items()}
        state["stem.1.running_var"] = state["stem.1.running_var"].abs() + 0.5
        torch_model.load_state_dict(state)
        torch_model.eval()
        torch.save(state, os.path.join(temp, "net.pt"))
        if run(["to_flax.py", "net.pt", "net.npz"], temp).returncode != 0:
            sys.exit("to_flax.py net.pt net.npz failed")
        to_flax = numeric_files.load(os.path.join(temp, "to_flax.py"), "to_flax")
        from_flax = numeric_files.load(os.path.join(temp, "from_flax.py"), "from_flax")
        check_refused(to_flax, model, temp, problems)
        check_without_orbax(to_flax, model, temp, problems)
        check_orbax(to_flax, from_flax, model, temp, problems)
    print("\n".join(problems) or "load_into, save_from and the orbax format: as expected")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
