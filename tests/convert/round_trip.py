#!/usr/bin/python3
"""Behaviour of a framework the tests cannot run (MLX, Praxis), checked with PyTorch alone.

1. Round trip: each PyTorch test model that FRAMEWORK can express is converted
   torch -> FRAMEWORK -> torch. The round-tripped module must take the original's state_dict
   unchanged (strict) and compute the same output in eval mode (rtol 1e-4); a plain function
   must compute the same result.
2. Hand-written FRAMEWORK models (MODELS_DIR/FRAMEWORK/*.py) converted to PyTorch must build and
   run on the inputs listed for them.

usage: round_trip.py SWHOST MODELS_DIR FRAMEWORK
Prints the largest relative error of each round trip.
"""
import importlib.util
import os
import subprocess
import sys
import tempfile
import types

import torch

# A case: (name of a class or function, constructor arguments or None for a function, inputs).
# An input is ("f", shape) random floats, ("i", shape, high) indices below high, ("b", shape) a
# mask, or ("n", value) a Python number.
ROUND_TRIPS = {
    "mlx": {
        "linear.py": [("LogisticRegression", (6, 3), [("f", (5, 6))])],
        "mlp.py": [("MLP", (6, 8, 3), [("f", (5, 6))])],
        "dropout.py": [("DropoutProjection", (6,), [("f", (5, 6))])],
        "layer_norm.py": [("PreNormFeedForward", (6, 10), [("f", (2, 5, 6))])],
        "gelu.py": [("GeluBlock", (6,), [("f", (3, 6))])],
        "embedding.py": [("BagOfEmbeddings", (11, 4, 3), [("i", (2, 5), 11)])],
        "conv2d.py": [("ConvNet", (3, 4), [("f", (2, 3, 8, 8))])],
        "batch_norm.py": [("ConvBNReLU", (3, 4), [("f", (2, 3, 6, 6))])],
        "resnet_block.py": [("BasicBlock", (3, 4, 2), [("f", (2, 3, 8, 8))]),
                            ("BasicBlock", (4, 4), [("f", (2, 4, 6, 6))])],
        "global_avg_pool.py": [("PooledClassifier", (3, 4, 5), [("f", (2, 3, 6, 6))]),
                               ("global_pool", None, [("f", (2, 3, 4, 5))]),
                               ("pooled_per_axis", None, [("f", (2, 3, 4, 5))]),
                               ("channel_means", None, [("f", (2, 3, 4, 5))])],
        "image_axes.py": [("SqueezeExcite", (8,), [("f", (2, 8, 5, 5))]),
                          ("TwoBranch", (4, 3), [("f", (2, 4, 6, 6))]),
                          ("Head", (4, 3), [("f", (2, 3, 8, 8))])],
        "cross_entropy_loss.py": [("Classifier", (6, 3), [("f", (5, 6))]),
                                  ("summed_loss", None, [("f", (5, 3)), ("i", (5,), 3)]),
                                  ("per_example_loss", None, [("f", (5, 3)), ("i", (5,), 3)]),
                                  ("log_likelihood", None, [("f", (5, 3)), ("i", (5,), 3)])],
        "group_norm.py": [("GroupNormBlock", (8, 4), [("f", (2, 8, 4, 4))])],
        "transformer_block.py": [("SelfAttention", (8, 2), [("f", (2, 5, 8))]),
                                 ("TransformerBlock", (8, 2, 16), [("f", (2, 5, 8))])],
        "elementwise_relu.py": [(name, None, [("f", (4, 5))])
                                for name in ("rectify", "leaky", "squash", "smooth")],
        "concat.py": [("join_features", None, [("f", (2, 3)), ("f", (2, 4))]),
                      ("stack_pair", None, [("f", (2, 3)), ("f", (2, 3))])],
        # uneven: mx.split(x, [1, 3]) is read back as torch.chunk (mx.split spells both).
        "split.py": [("halves", None, [("f", (4, 6))]), ("qkv", None, [("f", (2, 9))])],
        "einsum.py": [("batched_outer", None, [("f", (2, 3)), ("f", (2, 4))])],
        "masked_fill.py": [("masked_softmax", None, [("f", (2, 4)), ("b", (2, 4))])],
        # ranked: torch.sort(x) used whole becomes mx.sort(x), the values alone.
        "reductions.py": [("best_class", None, [("f", (3, 5))])],
        "attention.py": [("causal_mask", None, [("n", 4)])],
    },
    # Layers as child templates in setup(), hyper-parameters as fields (adapters/pax/README.md).
    "pax": {
        "linear.py": [("LogisticRegression", (6, 3), [("f", (5, 6))])],
        "mlp.py": [("MLP", (6, 8, 3), [("f", (5, 6))])],
        "dropout.py": [("DropoutProjection", (6,), [("f", (5, 6))])],
        "layer_norm.py": [("PreNormFeedForward", (6, 10), [("f", (2, 5, 6))])],
        "embedding.py": [("BagOfEmbeddings", (11, 4, 3), [("i", (2, 5), 11)])],
        "elementwise_relu.py": [(name, None, [("f", (4, 5))])
                                for name in ("rectify", "leaky", "squash", "smooth")],
        "concat.py": [("join_features", None, [("f", (2, 3)), ("f", (2, 4))]),
                      ("join_rows", None, [("f", (2, 3)), ("f", (1, 3)), ("f", (3, 3))]),
                      ("stack_pair", None, [("f", (2, 3)), ("f", (2, 3))])],
        "flatten.py": [(name, None, [("f", (2, 3, 4, 5))])
                       for name in ("flatten_features", "flatten_all", "merge_middle", "view_batch")],
        "split.py": [("halves", None, [("f", (4, 6))]), ("thirds", None, [("f", (6, 2))]),
                     ("qkv", None, [("f", (2, 9))]), ("uneven", None, [("f", (4, 6))])],
        "einsum.py": [("batched_outer", None, [("f", (2, 3)), ("f", (2, 4))])],
        "masked_fill.py": [("masked_softmax", None, [("f", (2, 4)), ("b", (2, 4))])],
        "reductions.py": [("best_class", None, [("f", (3, 5))])],
        "attention.py": [("causal_mask", None, [("n", 4)])],
        "global_avg_pool.py": [("global_pool", None, [("f", (2, 3, 4, 5))])],
    },
}

# Left out: image_axes.ShuffleBlock (the way back keeps a permute after the channel shuffle, as
# it does from Flax: a host layout issue), resnet_stage (nn.BatchNorm2d passed as a class comes
# back as BatchNorm1d: MLX, like Flax, has one BatchNorm for every rank), sequential (nn.ReLU() becomes the function nn.relu, which torch.nn.Sequential does
# not take back), max_pool2d (ceil_mode and the functional pool), lstm, the training models.

# Hand-written models of FRAMEWORK converted to PyTorch: file -> cases, as above. Images are
# NCHW here: the converted model takes PyTorch's layout.
HAND_WRITTEN = {
    "mlx": {
        "mlp.py": [("MLP", (6, 8, 3), [("f", (5, 6))])],
        "conv_net.py": [("ConvNet", (3, 4, 5), [("f", (2, 3, 16, 16))])],
        "residual_block.py": [("ResidualBlock", (4,), [("f", (2, 4, 6, 6))])],
        "layer_norm.py": [("PreNormFeedForward", (6, 10), [("f", (2, 5, 6))])],
        "attention.py": [("SelfAttention", (8, 2), [("f", (2, 5, 8))])],
    },
    # FeedForward with a ReLU or GELU activation, and LayerNorm storing scale - 1, are reported
    # in mlp.py and layer_norm.py; their functions run.
    "pax": {
        "embedding_classifier.py": [("BagOfEmbeddings", (), [("i", (4, 5), 20)]),
                                    ("Stack", (), [("i", (4, 5), 20)]),
                                    ("make_classifier", (), [("i", (4, 5), 20)])],
        "mlp.py": [("log_probabilities", None, [("f", (5, 3))]),
                   ("accuracy", None, [("f", (5, 3)), ("i", (5,), 3)])],
        "conv_net.py": [("global_average", None, [("f", (2, 3, 4, 4))]),
                        ("flatten_features", None, [("f", (2, 3, 4, 4))])],
        "layer_norm.py": [("rms_normalize", None, [("f", (2, 5, 6))])],
        "attention.py": [("dot_product_attention", None,
                          [("f", (2, 2, 4, 3)), ("f", (2, 2, 4, 3)), ("f", (2, 2, 4, 3)),
                           ("b", (2, 2, 4, 4))]),
                         ("split_heads", None, [("f", (2, 4, 6)), ("n", 2)]),
                         ("merge_heads", None, [("f", (2, 2, 4, 3))])],
    },
}


def stand_in_praxis():
    """Praxis is not installed: the names a converted file still imports from it (the layers the
    converter reported, the JTensor alias) are defined as placeholders, so that its functions,
    which no longer use Praxis, can run."""
    praxis = types.ModuleType("praxis")
    praxis.base_layer = types.SimpleNamespace(BaseLayer=object, JTensor=object)
    praxis.layers = types.SimpleNamespace()
    praxis.pax_fiddle = types.SimpleNamespace()
    sys.modules.setdefault("praxis", praxis)


def convert(swhost, folder, name, source, target, out_folder):
    result = subprocess.run([swhost, "convert", name, "--source", source, "--target", target],
                            cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError("%s -> %s of %s failed:\n%s" % (source, target, name, result.stderr))
    path = os.path.join(out_folder, name)
    with open(path, "w") as handle:
        handle.write(result.stdout)
    return path


def load(path, tag):
    spec = importlib.util.spec_from_file_location("%s_%s" % (tag, os.path.basename(path)[:-3]),
                                                  path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_inputs(specs, seed):
    generator = torch.Generator().manual_seed(seed)
    values = []
    for spec in specs:
        if spec[0] == "f":
            values.append(torch.randn(spec[1], generator=generator))
        elif spec[0] == "i":
            values.append(torch.randint(0, spec[2], spec[1], generator=generator))
        elif spec[0] == "b":
            values.append(torch.rand(spec[1], generator=generator) > 0.3)
        else:
            values.append(spec[1])
    return values


def flat(value):
    if isinstance(value, (tuple, list)):
        return [part for item in value for part in flat(item)]
    return [torch.as_tensor(value)]


def largest_error(expected, actual):
    expected, actual = flat(expected), flat(actual)
    if len(expected) != len(actual):
        raise AssertionError("%d results instead of %d" % (len(actual), len(expected)))
    error = 0.0
    for a, b in zip(expected, actual):
        if a.shape != b.shape:
            raise AssertionError("shape %s instead of %s" % (tuple(b.shape), tuple(a.shape)))
        a, b = a.double(), b.double()
        scale = a.abs().max().item() if a.numel() else 0.0
        error = max(error, (a - b).abs().max().item() / max(scale, 1e-12) if a.numel() else 0.0)
        if not torch.allclose(a, b, rtol=1e-4, atol=1e-5):
            raise AssertionError("results differ by up to %g" % (a - b).abs().max().item())
    return error


def run_case(original, converted, case, seed):
    name, arguments, specs = case
    inputs = make_inputs(specs, seed)
    if arguments is None:
        with torch.no_grad():
            return largest_error(getattr(original, name)(*inputs), getattr(converted, name)(*inputs))
    torch.manual_seed(seed)
    reference = getattr(original, name)(*arguments)
    copy = getattr(converted, name)(*arguments)
    copy.load_state_dict(reference.state_dict(), strict=True)
    reference.eval()
    copy.eval()
    with torch.no_grad():
        return largest_error(reference(*inputs), copy(*inputs))


def check_round_trips(swhost, models, framework, work, problems):
    torch_folder = os.path.join(models, "torch")
    middle, back = os.path.join(work, "middle"), os.path.join(work, "back")
    os.makedirs(middle)
    os.makedirs(back)
    for file_name, cases in sorted(ROUND_TRIPS[framework].items()):
        try:
            convert(swhost, torch_folder, file_name, "torch", framework, middle)
            path = convert(swhost, middle, file_name, framework, "torch", back)
            original = load(os.path.join(torch_folder, file_name), "original")
            converted = load(path, "round_trip")
        except Exception as error:  # noqa: BLE001 - reported with the file, then the next one
            problems.append("%s: %s" % (file_name, error))
            continue
        for index, case in enumerate(cases):
            try:
                error = run_case(original, converted, case, 2026 + index)
                print("round trip torch -> %s -> torch %s %s: largest relative error %.2e"
                      % (framework, file_name, case[0], error))
            except Exception as error:  # noqa: BLE001
                problems.append("%s %s: %s" % (file_name, case[0], error))


def check_hand_written(swhost, models, framework, work, problems):
    folder = os.path.join(models, framework)
    out = os.path.join(work, "hand-written")
    os.makedirs(out)
    for file_name, cases in sorted(HAND_WRITTEN[framework].items()):
        try:
            module = load(convert(swhost, folder, file_name, framework, "torch", out), "hand")
            for index, (name, arguments, specs) in enumerate(cases):
                inputs = make_inputs(specs, 7 + index)
                target = getattr(module, name)
                with torch.no_grad():
                    result = target(*arguments)(*inputs) if arguments is not None else target(*inputs)
                if not all(torch.isfinite(part).all() for part in flat(result)):
                    raise AssertionError("%s computes values that are not finite" % name)
                print("%s %s converted to torch runs: output %s" % (
                    file_name, name, tuple(flat(result)[0].shape)))
        except Exception as error:  # noqa: BLE001
            problems.append("%s (hand-written): %s" % (file_name, error))
    missing = sorted(set(n for n in os.listdir(folder) if n.endswith(".py"))
                     - set(HAND_WRITTEN[framework]))
    if missing:
        problems.append("hand-written models with no case here: %s" % ", ".join(missing))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    swhost, models, framework = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    problems = []
    if framework == "pax":
        stand_in_praxis()
    with tempfile.TemporaryDirectory(prefix="swrt-") as work:
        check_round_trips(swhost, models, framework, work, problems)
        check_hand_written(swhost, models, framework, work, problems)
    for problem in problems:
        print("FAIL " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
