#!/usr/bin/python3
"""Numeric equivalence of whole converted files: each functional test model is converted
torch -> numpy and numpy -> torch with swhost, both the original and the converted module are
imported (Debian's python3-torch and python3-numpy under /usr/bin/python3), and every listed
function runs on the same random inputs in both; the results must agree. Flax models, which
cannot run here, are converted to both NumPy and PyTorch, and the two conversions must agree.

usage: numeric_files.py SWHOST MODELS_DIR
Prints the number of functions verified per direction.
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

# model file -> function -> arguments: ("f", shape[, scale]) a float64 array, ("b", shape) a boolean
# mask, ("i", shape, high) integer indices below `high`, ("n", value) a Python number.
TORCH_FILES = {
    "activations.py": {
        "rectified": [("f", (4, 5))],
        "squashed": [("f", (4, 5))],
        "probabilities": [("f", (4, 5))],
        "log_probabilities": [("f", (4, 5))],
        "encoded": [("i", (3, 4), 6)],
    },
    "elementwise_relu.py": {"squash": [("f", (4, 5))], "smooth": [("f", (4, 5))]},
    "flatten.py": {
        "flatten_features": [("f", (2, 3, 4, 5))],
        "flatten_all": [("f", (2, 3, 4))],
        "merge_middle": [("f", (2, 3, 4, 5))],
        "view_batch": [("f", (2, 3, 4))],
    },
    "concat.py": {
        "join_features": [("f", (2, 3)), ("f", (2, 4))],
        "join_rows": [("f", (2, 3)), ("f", (1, 3)), ("f", (3, 3))],
        "stack_pair": [("f", (2, 3)), ("f", (2, 3))],
    },
    "split.py": {
        "halves": [("f", (4, 6))],
        "thirds": [("f", (6, 2))],
        "qkv": [("f", (2, 9))],
        "uneven": [("f", (4, 6))],
        "pieces": [("f", (5, 3))],
        "by_sizes": [("f", (3, 7)), ("n", [3, 4])],
    },
    "einsum.py": {
        "bilinear_scores": [("f", (3, 4)), ("f", (4, 5)), ("f", (3, 5))],
        "batched_outer": [("f", (3, 4)), ("f", (3, 5))],
        "attention_logits": [("f", (2, 2, 3, 4)), ("f", (2, 2, 5, 4))],
    },
    "masked_fill.py": {"zero_padding": [("f", (3, 4)), ("b", (3, 4))]},
    "in_place.py": {
        "masked_scores": [("f", (2, 4, 8)), ("f", (2, 5, 8)), ("b", (2, 5))],
        "clipped": [("f", (4, 5))],
        "activated": [("f", (4, 5))],
    },
    "attention.py": {"causal_mask": [("n", 5)]},
    "cond_control_flow.py": {
        "soft_clip": [("f", (4, 5)), ("n", 0.5)],
        "leaky": [("f", (4, 5))],
        "normalize_if_large": [("f", (4, 5))],
        "normalize_if_large:small": [("f", (3,), 0.1)],
    },
    "global_avg_pool.py": {"channel_means": [("f", (2, 3, 4, 5))]},
    "group_norm.py": {"group_norm": [("f", (2, 6, 3, 4)), ("n", 3)]},
    "scan_loop.py": {"running_sum": [("f", (5, 3))]},
    "functional_forms.py": {
        "project": [("f", (3, 4)), ("f", (5, 4)), ("f", (5,))],
        "project_unbiased": [("f", (3, 4)), ("f", (5, 4))],
        "blend": [("f", (3, 4)), ("f", (3, 4))],
        "distance": [("f", (3, 4)), ("f", (3, 4))],
    },
    "reductions.py": {
        "best_class": [("f", (4, 6))],
        "column_peaks": [("f", (4, 6))],
        "ranked": [("f", (4, 6))],
        "overall": [("f", (4, 6))],
    },
}
NUMPY_FILES = {
    "linear.py": {
        "affine": [("f", (3, 4)), ("f", (5, 4)), ("f", (5,))],
        "logistic": [("f", (3, 4)), ("f", (5, 4)), ("f", (5,))],
    },
    "mlp.py": {
        "relu": [("f", (3, 4))],
        "mlp": [("f", (3, 4)), ("f", (4, 6)), ("f", (6,)), ("f", (6, 2)), ("f", (2,))],
    },
    "elementwise_relu.py": {"rectify": [("f", (4, 5))], "squash": [("f", (4, 5))]},
    "gelu.py": {"gelu_tanh": [("f", (4, 5))]},
    "layer_norm.py": {"layer_norm": [("f", (3, 5)), ("f", (5,)), ("f", (5,))]},
    "embedding.py": {"embed_mean": [("f", (10, 4)), ("i", (3, 6), 10)]},
    "flatten.py": {"flatten_features": [("f", (2, 3, 4))], "flatten_all": [("f", (2, 3, 4))]},
    "concat.py": {
        "join_features": [("f", (2, 3)), ("f", (2, 4))],
        "join_rows": [("f", (2, 3)), ("f", (1, 3)), ("f", (3, 3))],
        "stack_pair": [("f", (2, 3)), ("f", (2, 3))],
    },
    "split.py": {"halves": [("f", (4, 6))], "thirds": [("f", (6, 2))]},
    "einsum.py": {
        "bilinear_scores": [("f", (3, 4)), ("f", (4, 5)), ("f", (3, 5))],
        "batched_outer": [("f", (3, 4)), ("f", (3, 5))],
    },
    "masked_fill.py": {"masked_scores": [("f", (3, 4)), ("b", (3, 4))]},
    "attention.py": {"causal_mask": [("n", 5)]},
    "cond_control_flow.py": {
        "soft_clip": [("f", (4, 5)), ("n", 0.5)],
        "leaky": [("f", (4, 5))],
        "normalize_if_large": [("f", (4, 5))],
        "normalize_if_large:small": [("f", (3,), 0.1)],
    },
    "global_avg_pool.py": {
        "global_pool": [("f", (2, 3, 4, 5))],
        "channel_means": [("f", (2, 3, 4, 5))],
    },
    "group_norm.py": {"group_norm": [("f", (2, 6, 3, 4)), ("n", 3)]},
    "cross_entropy_loss.py": {
        "log_softmax": [("f", (4, 6))],
        "cross_entropy": [("f", (4, 6)), ("i", (4,), 6)],
    },
    "scan_loop.py": {"running_sum": [("f", (5, 3))]},
    "batch_norm.py": {"batch_norm_train": [("f", (2, 3, 4, 5)), ("f", (3,)), ("f", (3,))]},
    "max_pool2d.py": {"max_pool2x2": [("f", (2, 3, 5, 6))]},
    "sequential.py": {"dense": [("f", (3, 4)), ("f", (4, 5)), ("f", (5,))]},
    "resnet_block.py": {
        "layer_norm": [("f", (3, 4))],
        "residual_block": [("f", (3, 4)), ("f", (4, 6)), ("f", (6,)), ("f", (6, 4)), ("f", (4,))],
    },
    "transformer_block.py": {
        "softmax": [("f", (2, 5))],
        "self_attention": [("f", (2, 3, 4)), ("f", (4, 4)), ("f", (4, 4)), ("f", (4, 4))],
        "transformer_block": [("f", (2, 3, 4)), ("f", (4, 4)), ("f", (4, 4)), ("f", (4, 4)),
                              ("f", (4, 8)), ("f", (8, 4))],
    },
    "weight_norm.py": {
        "weight_norm": [("f", (3, 4)), ("f", (3,))],
        "linear_weight_norm": [("f", (2, 4)), ("f", (3, 4)), ("f", (3,)), ("f", (3,))],
    },
    "lstm.py": {"lstm": [("f", (5, 2, 3)), ("f", (3, 8)), ("f", (2, 8)), ("f", (8,))]},
    "optim_adam.py": {
        "adam_step": [("f", (3,)), ("f", (3,)), ("n", 0.0), ("n", 0.0), ("n", 1)],
    },
    "training_loop.py": {
        "mse_and_grads": [("f", (4, 1)), ("f", (1,)), ("f", (6, 4)), ("f", (6, 1))],
        "train": [("f", (4, 1)), ("f", (1,)), ("f", (6, 4)), ("f", (6, 1)), ("n", 0.1), ("n", 5)],
    },
}

# Flax models (JAX is not installed): converted to NumPy and to PyTorch, the two conversions
# must agree with each other.
FLAX_FILES = {
    "cond_control_flow.py": {
        "soft_clip": [("f", (4, 5)), ("n", 0.5)],
        "normalize_if_large": [("f", (4, 5))],
        "normalize_if_large:small": [("f", (3,), 0.1)],
        "shrink_or_grow": [("f", (4, 5)), ("n", 2.0)],
    },
    "scan_loop.py": {"running_sum": [("f", (5, 3))], "last_state": [("f", (5, 3)), ("f", (3,))]},
}


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def inputs(arguments, rng):
    values = []
    for argument in arguments:
        if argument[0] == "f":
            scale = argument[2] if len(argument) > 2 else 1.0
            values.append(scale * rng.standard_normal(argument[1]))
        elif argument[0] == "b":
            values.append(rng.random(argument[1]) < 0.3)
        elif argument[0] == "i":
            values.append(rng.integers(0, argument[2], argument[1]))
        else:
            values.append(argument[1])
    return values


def to_torch(value):
    return torch.from_numpy(value) if isinstance(value, np.ndarray) else value


def to_numpy(value):
    if isinstance(value, torch.Tensor):
        return value.numpy()
    if isinstance(value, (tuple, list)):
        return [to_numpy(item) for item in value]
    return np.asarray(value)


def same(a, b):
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(
            same(x, y) for x, y in zip(a, b))
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9)


def check(swhost, models, source, target, files, problems):
    verified = 0
    with tempfile.TemporaryDirectory(prefix="swnumeric-") as temp:
        for file_name, functions in sorted(files.items()):
            original_path = os.path.join(models, source, file_name)
            converted_path = os.path.join(temp, "%s_%s" % (target, file_name))
            result = subprocess.run([swhost, "convert", original_path, "--source", source,
                                     "--target", target, "--out", converted_path],
                                    capture_output=True, text=True, check=False)
            if result.returncode != 0:
                problems.append("%s: conversion failed:\n%s" % (original_path, result.stderr))
                continue
            original = load(original_path, "original_" + file_name[:-3])
            converted = load(converted_path, "converted_" + file_name[:-3])
            for case, arguments in sorted(functions.items()):
                function = case.split(":")[0]  # "name:variant" runs `name` on other inputs
                rng = np.random.default_rng(7)
                values = inputs(arguments, rng)
                wrap_original = to_torch if source == "torch" else (lambda v: v)
                wrap_converted = to_torch if target == "torch" else (lambda v: v)
                expected = to_numpy(getattr(original, function)(*[wrap_original(v) for v in values]))
                try:
                    actual = to_numpy(getattr(converted, function)(*[wrap_converted(v) for v in values]))
                except Exception as error:  # the converted code must run
                    problems.append("%s -> %s %s.%s raised %r" % (source, target, file_name, function, error))
                    continue
                if not same(expected, actual):
                    problems.append("%s -> %s %s.%s differs:\nexpected %r\nactual %r" % (
                        source, target, file_name, function, expected, actual))
                    continue
                verified += 1
    return verified


def check_flax(swhost, models, files, problems):
    verified = 0
    with tempfile.TemporaryDirectory(prefix="swnumeric-") as temp:
        for file_name, functions in sorted(files.items()):
            original_path = os.path.join(models, "flax", file_name)
            converted = {}
            for target in ("numpy", "torch"):
                path = os.path.join(temp, "%s_%s" % (target, file_name))
                result = subprocess.run([swhost, "convert", original_path, "--source", "flax",
                                         "--target", target, "--out", path],
                                        capture_output=True, text=True, check=False)
                if result.returncode != 0:
                    problems.append("%s: conversion failed:\n%s" % (original_path, result.stderr))
                    break
                converted[target] = load(path, "%s_flax_%s" % (target, file_name[:-3]))
            if len(converted) != 2:
                continue
            for case, arguments in sorted(functions.items()):
                function = case.split(":")[0]
                values = inputs(arguments, np.random.default_rng(7))
                try:
                    as_numpy = to_numpy(getattr(converted["numpy"], function)(*values))
                    as_torch = to_numpy(getattr(converted["torch"], function)(
                        *[to_torch(v) for v in values]))
                except Exception as error:  # both conversions must run
                    problems.append("flax %s.%s raised %r" % (file_name, case, error))
                    continue
                if not same(as_numpy, as_torch):
                    problems.append("flax %s.%s: NumPy and PyTorch conversions differ:\n%r\n%r" % (
                        file_name, case, as_numpy, as_torch))
                    continue
                verified += 1
    return verified


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    swhost, models = sys.argv[1:]
    torch.set_default_dtype(torch.float64)
    problems = []
    torch_numpy = check(swhost, models, "torch", "numpy", TORCH_FILES, problems)
    numpy_torch = check(swhost, models, "numpy", "torch", NUMPY_FILES, problems)
    flax_both = check_flax(swhost, models, FLAX_FILES, problems)
    print("functions verified numerically: torch->numpy %d, numpy->torch %d, "
          "flax->numpy = flax->torch %d" % (torch_numpy, numpy_torch, flax_both))
    if problems:
        print("\n".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
