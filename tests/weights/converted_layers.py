#!/usr/bin/python3
"""Layers whose checkpoints Flax NNX lays out its own way, run: for the models of
tests/golden/weights/weight-norm-torch-to-flax and weight-norm-flax-to-torch (weight-normalized
Conv2d, Conv1d and Linears, dim=0 and dim=None) and conv-transpose-torch-to-flax
(ConvTranspose1d and ConvTranspose3d), `swhost weights` writes the scripts PyTorch -> Flax NNX
and back; a checkpoint of random weights (weight_norm's magnitudes g and directions v drawn
anew) must come back bit-identical, keys in order. The model `swhost convert` makes of each
(nnx.WeightNorm around the layer, nnx.ConvTranspose), under the NumPy stand-in of flax.nnx
(tests/standin), loaded with the Flax checkpoint by the script's load_into, must compute what
the original computes, and save_from must save the same tensors, scales included. Towards Keras,
which has no weight-normalization wrapper, `swhost weights` must refuse, naming the layer and
the traits table.

usage: converted_layers.py SWHOST
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
import run_conversions  # noqa: E402
from flax import nnx  # noqa: E402

GOLDEN = os.path.join(HERE, "..", "golden", "weights")
PYTHON = "/usr/bin/python3"
# directory, class, arguments, input shapes (channels first: Flax NNX's inputs have them last)
CASES = [
    ("weight-norm-torch-to-flax", "Normed", (4, 5), [(2, 3, 6, 6)]),
    ("weight-norm-flax-to-torch", "Smoother", (4,), [(2, 4, 3)]),
    ("conv-transpose-torch-to-flax", "Upsampler", (4,), [(2, 4, 5), (2, 4, 3, 4, 2)]),
]
KERAS_ERROR = ("{model}:11:33: error: 'conv' is wrapped by 'weight_norm' at {model}:11:21, which the Keras 3 "
               "adapter has no place for (its traits' [weights.wrapper.weight_norm]) [weights]\n")


def run(command):
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit("%s failed: %s" % (" ".join(command[:2]), result.stderr.strip()))
    return result


def archive(path):
    with np.load(path) as held:
        return {key: held[key] for key in held.files}


def check(swhost, temp, case):
    folder, name, arguments, shapes = case
    model_file = os.path.join(GOLDEN, folder, "model.py")
    text = ", ".join(str(a) for a in arguments)
    scripts = [os.path.join(temp, name + suffix) for suffix in ("_to_flax.py", "_to_torch.py")]
    for (source, target), script in zip((("torch", "flax"), ("flax", "torch")), scripts):
        run([swhost, "weights", model_file, "--class", name, "--args", text, "--source", source,
             "--target", target, "--out", script])
    torch_model = getattr(numeric_files.load(model_file, "torch_" + name), name)(*arguments)
    generator = torch.Generator().manual_seed(1)
    state = {key: torch.randn(value.shape, generator=generator) for key, value in torch_model.state_dict().items()}
    torch_model.load_state_dict(state)
    original, middle, back = (os.path.join(temp, name + end) for end in (".pt", ".npz", "_back.pt"))
    torch.save(state, original)
    run([PYTHON, scripts[0], original, middle])
    run([PYTHON, scripts[1], middle, back])
    returned = torch.load(back, weights_only=True)
    if list(returned) != list(state) or any(not torch.equal(state[k], returned[k]) for k in state):
        raise SystemExit("%s: the checkpoint does not come back bit-identical through Flax NNX" % name)

    converted = os.path.join(temp, "flax_" + name + ".py")
    run_conversions.convert(swhost, model_file, converted)
    flax_class = getattr(numeric_files.load(converted, "flax_" + name), name)
    flax_model = flax_class(*arguments, rngs=nnx.Rngs(0))
    to_flax = numeric_files.load(scripts[0], name + "_to_flax")
    check_missing_scale(to_flax, flax_model, middle, temp)
    to_flax.load_into(flax_model, middle)
    saved = os.path.join(temp, name + "_saved.npz")
    numeric_files.load(scripts[1], name + "_from_flax").save_from(flax_model, saved)
    written, again = archive(middle), archive(saved)
    if sorted(written) != sorted(again) or any(not np.array_equal(written[k], again[k]) for k in written):
        raise SystemExit("%s: save_from does not save what load_into loaded" % name)
    inputs = [torch.randn(*shape, generator=generator) for shape in shapes]
    with torch.no_grad():
        expected = outputs(torch_model(*inputs))
    actual = [channels_first(y) for y in outputs(flax_model(*[np.moveaxis(x.numpy(), 1, -1) for x in inputs]))]
    problem = run_conversions.compare(expected, actual)
    if problem:
        raise SystemExit("%s: the Flax model with the migrated weights computes otherwise: %s" % (name, problem))
    print("%s: bit-identical through Flax NNX (%d tensors, scales %s); the converted model computes "
          "PyTorch's output (max |diff| %.3g)" % (name, len(state), sorted(k for k in written if "/scales/" in k),
                                                  max(np.abs(a - e).max() for a, e in zip(actual, expected))))


def scale_values(model):
    """(module path, key) -> a copy of each nnx.WeightNorm scale of `model`."""
    return {(path, key): np.array(scale) for path, layer in model.iter_modules() if isinstance(layer, nnx.WeightNorm)
            for key, scale in (layer.scales or {}).items()}


def check_missing_scale(to_flax, flax_model, checkpoint, temp):
    """load_into refuses a checkpoint without one of the scales, naming it, and leaves the
    model's scales as they were."""
    tensors = archive(checkpoint)
    scales = sorted(key for key in tensors if "/scales/" in key)
    if not scales:
        return
    held = scale_values(flax_model)
    shape = tensors.pop(scales[0]).shape
    partial = os.path.join(temp, "partial.npz")
    np.savez(partial, **tensors)
    try:
        to_flax.load_into(flax_model, partial)
    except to_flax.MigrationError as error:
        wanted = "missing: %s (the model holds %s)" % (scales[0], to_flax.shape_text(shape))
        if wanted not in str(error):
            raise SystemExit("load_into's error does not name %s: %s" % (scales[0], error))
    else:
        raise SystemExit("load_into took a checkpoint without %s" % scales[0])
    now = scale_values(flax_model)
    if any(not np.array_equal(held[key], now[key]) for key in held):
        raise SystemExit("load_into changed the model's scales before refusing the checkpoint")


def outputs(result):
    """A model's output or outputs as a list of NumPy arrays."""
    return [np.asarray(y) for y in (result if isinstance(result, (tuple, list)) else (result,))]


def channels_first(y):
    return np.moveaxis(y, -1, 1) if y.ndim > 2 else y


def check_keras_refused(swhost, temp):
    model_file = os.path.join(GOLDEN, CASES[0][0], "model.py")
    out = os.path.join(temp, "to_keras.py")
    result = subprocess.run([swhost, "weights", model_file, "--class", "Normed", "--args", "4, 5", "--source",
                             "torch", "--target", "keras", "--out", out], capture_output=True, text=True, check=False)
    wanted = KERAS_ERROR.format(model=model_file)
    if result.returncode != 1 or result.stderr != wanted or os.path.exists(out):
        raise SystemExit("towards Keras: exit %d, wanted %r, got %r" % (result.returncode, wanted, result.stderr))
    print("towards Keras: refused, nothing written (%s)" % result.stderr.strip())


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    swhost = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="swweightnorm-") as temp:
        for case in CASES:
            check(swhost, temp, case)
        check_keras_refused(swhost, temp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
