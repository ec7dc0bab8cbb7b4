#!/usr/bin/python3
"""Conversions to and from MiniGrad, a framework the host has never heard of, checked by running
them. MiniGrad (examples/minigrad/minigrad) is channels-last, runs modules through `call`, builds
layers in `setup` and draws randomness from implicit per-layer streams.

For each PyTorch test model below: torch -> minigrad, then that output -> torch again. Each
output must match its golden file (tests/sdk/minigrad/expected/), pass pyflakes, import only the
target framework (tests/sdk/minigrad/bindings.py), and compute what the PyTorch original
computes: the same weights copied into both (tests/sdk/minigrad/weights.py), the same seeded
input (NCHW images to PyTorch, NHWC to MiniGrad), results within 1e-4. The bundled MiniGrad
example (examples/minigrad/model.py) is converted to PyTorch and checked the same way.

usage: minigrad_conversions.py SWHOST MINIGRAD_PLUGIN SOURCE_DIR
SWITCHEROO_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing them.
"""
import difflib
import importlib.util
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "minigrad"))
import bindings  # noqa: E402
import weights  # noqa: E402

# model -> cases: (callable, its constructor's arguments or None for a plain function, inputs,
# whether the result is an image). An input ("image", NCHW shape) reaches MiniGrad as NHWC;
# ("array", shape) and ("mask", shape), a boolean array, reach both frameworks as they are;
# ("number", value) is passed as it is.
MODELS = {
    "linear": [("LogisticRegression", (6, 3), [("array", (5, 6))], False)],
    "mlp": [("MLP", (6, 8, 3), [("array", (5, 6))], False)],
    "dropout": [("DropoutProjection", (6,), [("array", (5, 6))], False)],
    "layer_norm": [("PreNormFeedForward", (6, 10), [("array", (2, 5, 6))], False)],
    "sequential": [("make_classifier", (12, 8, 3), [("array", (5, 3, 4))], False)],
    "conv2d": [("ConvNet", (3, 4), [("image", (2, 3, 8, 8))], True)],
    "max_pool2d": [("ConvPool", (3,), [("image", (2, 3, 9, 9))], True)],
    "resnet_block": [("BasicBlock", (3, 4, 2), [("image", (2, 3, 8, 8))], True),
                     ("BasicBlock", (4, 4), [("image", (2, 4, 6, 6))], True)],
    "global_avg_pool": [("PooledClassifier", (3, 4, 5), [("image", (2, 3, 6, 6))], False),
                        ("global_pool", None, [("image", (2, 3, 4, 5))], True),
                        ("pooled_per_axis", None, [("image", (2, 3, 4, 5))], True),
                        ("channel_means", None, [("array", (2, 3, 4, 5))], False)],
    "elementwise_relu": [(name, None, [("array", (4, 5))], False)
                         for name in ("rectify", "leaky", "squash", "smooth")],
    "concat": [("join_features", None, [("array", (2, 3)), ("array", (2, 4))], False),
               ("join_rows", None, [("array", (2, 3)), ("array", (1, 3)), ("array", (3, 3))],
                False),
               ("stack_pair", None, [("array", (2, 3)), ("array", (2, 3))], False)],
    "flatten": [(name, None, [("array", (2, 3, 4, 5))], False)
                for name in ("flatten_features", "flatten_all", "merge_middle", "view_batch")],
    "gelu": [("GeluBlock", (6,), [("array", (3, 6))], False)],
    "transformer_block": [("SelfAttention", (8, 2), [("array", (2, 5, 8))], False),
                          ("TransformerBlock", (8, 2, 16), [("array", (2, 5, 8))], False)],
    "attention": [("scaled_dot_product_attention", None,
                   [("array", (2, 4, 8)), ("array", (2, 4, 8)), ("array", (2, 4, 8)),
                    ("mask", (4, 4))], False),
                  ("causal_mask", None, [("number", 5)], False)],
}
EXAMPLE = [("build", (0,), [("image", (2, 3, 8, 8))], False)]
TOLERANCE = 1e-4


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def convert(swhost, manifest, source_path, source, target, out):
    result = subprocess.run([swhost, "convert", source_path, "--plugins", manifest, "--source",
                             source, "--target", target, "--out", out],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit("%s -> %s of %s failed:\n%s" % (source, target, source_path,
                                                          result.stderr))
    return out


def golden(path, expected_path, problems):
    with open(path) as handle:
        actual = handle.read()
    if os.environ.get("SWITCHEROO_UPDATE_GOLDEN") == "1":
        os.makedirs(os.path.dirname(expected_path), exist_ok=True)
        with open(expected_path, "w") as handle:
            handle.write(actual)
        return
    expected = open(expected_path).read() if os.path.exists(expected_path) else ""
    if actual != expected:
        problems.append("".join(difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True), expected_path, "actual")))


def as_layout(value, kind, layout):
    return value.transpose(0, 2, 3, 1) if kind == "image" and layout == "NHWC" else value


def make_input(kind, shape, generator):
    if kind == "number":
        return shape
    if kind == "mask":
        return generator.random(shape) < 0.3
    return generator.standard_normal(shape).astype(np.float32)


def run(function, layout, inputs, image_out):
    """`function` on the inputs in its layout; the result as a NumPy array, images NCHW."""
    values = [as_layout(value, kind, layout) for kind, value in inputs]
    if layout == "NCHW":
        with torch.no_grad():
            result = function(*[torch.from_numpy(value) if isinstance(value, np.ndarray)
                                else value for value in values]).numpy()
    else:
        result = np.asarray(function(*values))
    return result.transpose(0, 3, 1, 2) if image_out and layout == "NHWC" else result


def callables(case, reference, other, copy, generator):
    """The case's callable in both modules; a module is built in each, with the reference's
    weights copied into the other by `copy`, and put in eval mode."""
    name, arguments = case[0], case[1]
    if arguments is None:
        return getattr(reference, name), getattr(other, name)
    torch.manual_seed(0)
    first = getattr(reference, name)(*arguments)
    second = getattr(other, name)(*arguments)
    if isinstance(first, torch.nn.Module):
        weights.vary_running_statistics(first, generator)
    copy(first, second)
    return first.eval(), second.eval()


def check_case(label, case, reference, other, layouts, copy):
    generator = np.random.default_rng(0)
    first, second = callables(case, reference, other, copy, generator)
    inputs = [(kind, make_input(kind, shape, generator)) for kind, shape in case[2]]
    expected = run(first, layouts[0], inputs, case[3])
    actual = run(second, layouts[1], inputs, case[3])
    if expected.shape != actual.shape:
        return "%s: shape %s, expected %s" % (label, actual.shape, expected.shape)
    error = float(np.abs(expected.astype(np.float64) - actual.astype(np.float64)).max())
    print("%s: max error %.2e" % (label, error))
    bound = TOLERANCE * max(1.0, float(np.abs(expected).max()))
    return None if error <= bound else "%s: max error %.2e above %.1e" % (label, error, bound)


def same_state(original, converted):
    if isinstance(original, torch.nn.Module):
        converted.load_state_dict(original.state_dict())


def check_outputs(paths, expected_paths, frameworks, problems):
    for path, expected_path, modules in zip(paths, expected_paths, frameworks):
        golden(path, expected_path, problems)
        problems.extend(bindings.binding_problems(path, modules))


def check_model(kind, options, problems):
    swhost, manifest, source_dir, temp, frameworks = options
    original_path = os.path.join(source_dir, "tests", "models", "torch", kind + ".py")
    expected = os.path.join(source_dir, "tests", "sdk", "minigrad", "expected")
    there = convert(swhost, manifest, original_path, "torch", "minigrad",
                    os.path.join(temp, "minigrad_%s.py" % kind))
    back = convert(swhost, manifest, there, "minigrad", "torch",
                   os.path.join(temp, "torch_%s.py" % kind))
    check_outputs([there, back], [os.path.join(expected, "torch-minigrad", kind + ".py"),
                                  os.path.join(expected, "minigrad-torch", kind + ".py")],
                  [frameworks["minigrad"], frameworks["torch"]], problems)
    original = load(original_path, "original_" + kind)
    for case in MODELS[kind]:
        for label, converted, layouts, copy in (
                ("torch->minigrad", load(there, "minigrad_" + kind), ("NCHW", "NHWC"),
                 weights.torch_to_minigrad),
                ("torch->minigrad->torch", load(back, "torch_" + kind), ("NCHW", "NCHW"),
                 same_state)):
            problem = check_case("%s %s.%s%s" % (label, kind, case[0], case[1] or ""), case,
                                 original, converted, layouts, copy)
            if problem:
                problems.append(problem)


def check_example(options, problems):
    swhost, manifest, source_dir, temp, frameworks = options
    example = os.path.join(source_dir, "examples", "minigrad", "model.py")
    converted = convert(swhost, manifest, example, "minigrad", "torch",
                        os.path.join(temp, "torch_example.py"))
    check_outputs([converted], [os.path.join(source_dir, "tests", "sdk", "minigrad", "expected",
                                             "minigrad-torch", "example_model.py")],
                  [frameworks["torch"]], problems)
    for case in EXAMPLE:
        problem = check_case("minigrad->torch examples/minigrad/model.py.%s%s" % case[:2], case,
                             load(example, "example"), load(converted, "torch_example"),
                             ("NHWC", "NCHW"), weights.minigrad_to_torch)
        if problem:
            problems.append(problem)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    swhost, plugin, source_dir = (os.path.abspath(arg) for arg in sys.argv[1:])
    sys.path.insert(0, os.path.join(source_dir, "examples", "minigrad"))
    frameworks = {
        "torch": bindings.framework_modules(
            os.path.join(source_dir, "adapters", "torch", "traits.toml")),
        "minigrad": bindings.framework_modules(
            os.path.join(source_dir, "sdk", "template", "data", "traits.toml")),
    }
    problems = []
    with tempfile.TemporaryDirectory(prefix="swminigrad-") as temp:
        manifest = os.path.join(temp, "switcheroo.toml")
        with open(manifest, "w") as handle:
            # flatten_range rewrites any `.flatten(...)` for any target but PyTorch, MiniGrad's
            # own `mg.flatten(x, 1)` included: off until it asks the target's spoke.
            handle.write('[plugins]\nfiles = ["%s"]\n\n[hooks.flatten_range]\nenabled = false\n'
                         % plugin)
        options = (swhost, manifest, source_dir, temp, frameworks)
        for kind in MODELS:
            check_model(kind, options, problems)
        check_example(options, problems)
    for problem in problems:
        print("FAILED: " + problem)
    cases = sum(len(cases) for cases in MODELS.values())
    print("%d models, %d cases torch->minigrad and back, %d example cases; %d problems"
          % (len(MODELS), cases, len(EXAMPLE), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
