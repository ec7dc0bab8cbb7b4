#!/usr/bin/python3
"""Behaviour of a framework that cannot run here (Keras 3, TensorFlow 2), checked with PyTorch:

- every PyTorch test model the framework can express is converted torch -> X -> torch; the
  round-tripped module takes the original's state_dict unchanged (strict) and, in eval mode,
  computes what the original computes (rtol 1e-4) on the same seeded input;
- every hand-written model of tests/models/<X>/ is converted X -> torch, and the result builds
  and runs on an input of the expected shape.

usage: round_trip_numeric.py SWHOST MODELS_DIR FRAMEWORK
Prints the largest error per case.
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

# torch test model -> cases: (callable, constructor arguments or None for a function, input
# shapes; ("mask", shape) is a boolean tensor, ("tokens", shape, high) integers below high).
ROUND_TRIP = {
    "linear": [("LogisticRegression", (6, 3), [(5, 6)])],
    "mlp": [("MLP", (6, 8, 3), [(5, 6)])],
    "dropout": [("DropoutProjection", (6,), [(5, 6)])],
    "gelu": [("GeluBlock", (6,), [(3, 6)])],
    "layer_norm": [("PreNormFeedForward", (6, 10), [(2, 5, 6)])],
    "conv2d_same_padding": [("SameConvBlock", (3, 4), [(2, 3, 8, 8)])],
    "elementwise_relu": [(name, None, [(4, 5)]) for name in ("rectify", "squash", "smooth")],
    "concat": [("join_features", None, [(2, 3), (2, 4)]),
               ("join_rows", None, [(2, 3), (1, 3), (3, 3)]),
               ("stack_pair", None, [(2, 3), (2, 3)])],
    "einsum": [("bilinear_scores", None, [(3, 4), (4, 5), (3, 5)]),
               ("batched_outer", None, [(3, 4), (3, 5)])],
    "attention": [("scaled_dot_product_attention", None,
                   [(2, 4, 8), (2, 4, 8), (2, 4, 8), ("mask", (4, 4))])],
    "embedding": [("BagOfEmbeddings", (20, 6, 3), [("tokens", (4, 5), 20)])],
    "masked_fill": [("masked_softmax", None, [(3, 4), ("mask", (3, 4))]),
                    ("zero_padding", None, [(3, 4), ("mask", (3, 4))])],
    "cond_control_flow": [("leaky", None, [(4, 5)]), ("normalize_if_large", None, [(4, 5)])],
    "scan_loop": [("running_sum", None, [(5, 3)]), ("ElmanRNN", (4, 6), [(5, 2, 4)])],
    "sequential": [("make_classifier", (12, 8, 3), [(2, 3, 4)])],
}
# What a framework cannot express yet, with the reason; every other model above must convert
# to it without a warning, so that a round trip never passes by leaving PyTorch code in place.
NOT_EXPRESSIBLE = {
    "tf": {"einsum": "tf.einsum is missing from the TensorFlow API snapshot, so it is not mapped",
           "attention": "TensorFlow has no swapaxes; a tf.transpose needs the rank: not mapped"},
}
# X test model -> (callable, constructor arguments or None, input shapes as the converted
# PyTorch module takes them: images NCHW).
HAND_WRITTEN = {
    "mlp": ("MLP", (6, 8, 3), [(5, 6)]),
    "conv_pool": ("ConvPool", (3,), [(2, 3, 8, 8)]),
    "residual_block": ("ResidualBlock", (4,), [(2, 4, 6, 6)]),
    "layer_norm": ("PreNormFeedForward", (6, 10), [(2, 5, 6)]),
    "attention": ("scaled_dot_product_attention", None, [(2, 4, 8), (2, 4, 8), (2, 4, 8)]),
    "sequential": ("make_head", (6, 8, 3), [(5, 6)]),
}
TOLERANCE = 1e-4


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def convert(swhost, path, source, target, out, problems=None):
    result = subprocess.run([swhost, "convert", path, "--source", source, "--target", target,
                             "--out", out], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit("%s -> %s of %s failed:\n%s" % (source, target, path, result.stderr))
    if problems is not None and "warning:" in result.stderr:
        problems.append("%s -> %s of %s is incomplete:\n%s" % (source, target, path, result.stderr))
    return out


def inputs(shapes, generator):
    """Seeded float tensors; ("mask", shape) is a boolean tensor, True about a third of the time."""
    values = []
    for shape in shapes:
        if shape[0] == "mask":
            values.append(torch.from_numpy(generator.random(shape[1]) < 0.3))
        elif shape[0] == "tokens":
            values.append(torch.from_numpy(generator.integers(0, shape[2], shape[1])))
        else:
            values.append(torch.from_numpy(generator.standard_normal(shape).astype(np.float32)))
    return values


def build(module, name, arguments):
    torch.manual_seed(0)
    built = getattr(module, name)
    return built if arguments is None else built(*arguments).eval()


def round_trip(swhost, models, framework, temp, problems):
    for kind, cases in ROUND_TRIP.items():
        if kind in NOT_EXPRESSIBLE.get(framework, {}):
            print("torch->%s %s: not expressible yet: %s" % (framework, kind,
                                                           NOT_EXPRESSIBLE[framework][kind]))
            continue
        original_path = os.path.join(models, "torch", kind + ".py")
        there = convert(swhost, original_path, "torch", framework,
                        os.path.join(temp, "%s_%s.py" % (framework, kind)), problems)
        back = convert(swhost, there, framework, "torch", os.path.join(temp, "back_%s.py" % kind))
        original, converted = load(original_path, "original_" + kind), load(back, "back_" + kind)
        for name, arguments, shapes in cases:
            label = "torch->%s->torch %s.%s" % (framework, kind, name)
            first = build(original, name, arguments)
            second = build(converted, name, arguments)
            if arguments is not None:
                try:
                    second.load_state_dict(first.state_dict(), strict=True)
                except RuntimeError as error:
                    problems.append("%s: the original state_dict does not load: %s" % (label, error))
                    continue
            values = inputs(shapes, np.random.default_rng(0))
            with torch.no_grad():
                expected, actual = first(*values), second(*values)
            if expected.shape != actual.shape:
                problems.append("%s: shape %s, expected %s" % (label, tuple(actual.shape),
                                                               tuple(expected.shape)))
                continue
            error = float((expected.double() - actual.double()).abs().max())
            print("%s: max error %.2e" % (label, error))
            if error > TOLERANCE * max(1.0, float(expected.abs().max())):
                problems.append("%s: max error %.2e" % (label, error))


def hand_written(swhost, models, framework, temp, problems):
    folder = os.path.join(models, framework)
    for kind, (name, arguments, shapes) in HAND_WRITTEN.items():
        path = os.path.join(folder, kind + ".py")
        if not os.path.exists(path):
            continue
        label = "%s->torch %s.%s" % (framework, kind, name)
        converted = load(convert(swhost, path, framework, "torch",
                                 os.path.join(temp, "from_%s.py" % kind), problems), "from_" + kind)
        try:
            with torch.no_grad():
                result = build(converted, name, arguments)(*inputs(shapes, np.random.default_rng(0)))
        except Exception as error:  # noqa: BLE001 - any failure to build or run is the finding
            problems.append("%s: does not run: %s: %s" % (label, type(error).__name__, error))
            continue
        if not torch.isfinite(result).all():
            problems.append("%s: non-finite output" % label)
        print("%s: builds and runs, output %s" % (label, tuple(result.shape)))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    swhost, models, framework = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
    problems = []
    with tempfile.TemporaryDirectory(prefix="swroundtrip-") as temp:
        round_trip(swhost, models, framework, temp, problems)
        hand_written(swhost, models, framework, temp, problems)
    for problem in problems:
        print("FAILED: " + problem)
    print("%s: %d problems" % (framework, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
