#!/usr/bin/python3
"""MultiheadAttention's packed in-projection, run: `swhost weights` writes the scripts PyTorch ->
Flax NNX and back for tests/golden/weights/attention-torch-to-flax/model.py; a checkpoint of
random weights must come back bit-identical, and the Flax checkpoint must hold, name for name and
shape for shape, the variables of nnx.MultiHeadAttention(num_heads, in_features) and
nnx.LayerNorm under the NumPy stand-in of flax.nnx (tests/standin), which, loaded with them,
must compute what PyTorch's layers compute (rtol 1e-5).

usage: attention.py SWHOST
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "..", "standin")]

import numpy as np  # noqa: E402
import torch  # noqa: E402

from flax import nnx  # noqa: E402

MODEL = os.path.join(HERE, "..", "golden", "weights", "attention-torch-to-flax", "model.py")
PYTHON = "/usr/bin/python3"


def run(command):
    subprocess.run(command, check=True, capture_output=True, text=True)


def load_torch_model():
    spec = importlib.util.spec_from_file_location("attention_model", MODEL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    torch.manual_seed(0)
    model = module.Encoder(8, 2)
    generator = torch.Generator().manual_seed(1)
    state = {key: torch.randn(value.shape, generator=generator) for key, value in model.state_dict().items()}
    model.load_state_dict(state)
    return model.eval(), state


def load_flax(path, modules):
    """Sets each stand-in module's variables from the .npz; the names must match exactly."""
    with np.load(path) as archive:
        tensors = {key: archive[key] for key in archive.files}
    declared = {}
    for prefix, module in modules.items():
        for path_parts, layer in module.iter_modules():
            for name, value in vars(layer).items():
                if isinstance(value, nnx.Variable):
                    key = "/".join((prefix,) + tuple(str(p) for p in path_parts) + (name,))
                    declared[key] = tuple(value.value.shape)
                    if key in tensors:
                        value.value = tensors[key]
    found = {key: tuple(value.shape) for key, value in tensors.items()}
    if found != declared:
        raise SystemExit("the Flax checkpoint differs from the Flax layers' variables: %s"
                         % sorted(set(found.items()) ^ set(declared.items())))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    swhost = os.path.abspath(sys.argv[1])
    model, state = load_torch_model()
    with tempfile.TemporaryDirectory(prefix="swattention-") as temp:
        original, middle, back = (os.path.join(temp, name) for name in ("original.pt", "middle.npz", "back.pt"))
        torch.save(state, original)
        for source, target, script in (("torch", "flax", "to_flax.py"), ("flax", "torch", "to_torch.py")):
            run([swhost, "weights", MODEL, "--source", source, "--target", target, "--out", os.path.join(temp, script)])
        run([PYTHON, os.path.join(temp, "to_flax.py"), original, middle])
        run([PYTHON, os.path.join(temp, "to_torch.py"), middle, back])
        returned = torch.load(back, weights_only=True)
        if list(returned) != list(state) or any(not torch.equal(state[k], returned[k]) for k in state):
            raise SystemExit("the checkpoint does not come back bit-identical through Flax NNX")
        attention = nnx.MultiHeadAttention(2, 8, decode=False, rngs=nnx.Rngs(0))
        norm = nnx.LayerNorm(8, epsilon=1e-5, rngs=nnx.Rngs(0))
        load_flax(middle, {"attention": attention, "norm": norm})
    inputs = torch.randn(3, 5, 8, generator=torch.Generator().manual_seed(2))  # batch, sequence, features
    with torch.no_grad():
        attended = model.attention(*(inputs.transpose(0, 1),) * 3)[0].transpose(0, 1)  # PyTorch: sequence first
        expected = model.norm(inputs + attended).numpy()
    x = inputs.numpy()
    actual = np.asarray(norm(x + np.asarray(attention(x))))
    if not np.allclose(actual, expected, rtol=1e-5, atol=1e-6):
        raise SystemExit("Flax NNX with the migrated weights computes otherwise: max |diff| %.3g"
                         % np.abs(actual - expected).max())
    print("bit-identical through Flax NNX; Flax computes PyTorch's output (max |diff| %.3g)"
          % np.abs(actual - expected).max())
    return 0


if __name__ == "__main__":
    sys.exit(main())
