#!/usr/bin/python3
"""The expression templates with the arguments `swhost ci` leaves at their defaults:
expression_variants_torch.py is converted torch -> numpy by swhost, both modules are imported
(Debian's python3-torch and python3-numpy under /usr/bin/python3), and every function runs on
the same seeded inputs in both; each result must agree within float64 tolerance (integer
results exactly), and the conversion must leave no call unconverted. With `flax` and a stand-in
folder, flax_variants_torch.py is converted torch -> flax and run under the NumPy stand-in of
jax and optax (tests/standin), which computes in float32 as JAX does: within float32 tolerance.

usage: expression_variants.py SWHOST [flax STANDIN]
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = {"numpy": "expression_variants_torch.py", "flax": "flax_variants_torch.py"}


def pooled(shape, kernel, rng):
    """max_pool2d's values and flat indices, the inputs of max_unpool2d."""
    values, indices = F.max_pool2d(torch.tensor(rng.normal(size=shape)), kernel,
                                   return_indices=True)
    return [values.numpy(), indices.numpy()]


def inputs(name, rng):
    normal = lambda *shape: rng.normal(size=shape)  # noqa: E731
    probabilities = rng.uniform(0.1, 1.0, size=(5, 4))
    log_softmax = lambda z: z - np.log(np.exp(z).sum(-1, keepdims=True))  # noqa: E731
    return {
        "conv2d_strided": lambda: [normal(2, 4, 9, 8), normal(6, 2, 3, 2), normal(6)],
        "conv2d_same": lambda: [normal(2, 3, 7, 6), normal(4, 3, 3, 2)],
        "conv1d_valid": lambda: [normal(2, 3, 11), normal(5, 3, 4)],
        "conv3d_padded": lambda: [normal(1, 2, 4, 6, 5), normal(3, 2, 2, 3, 2), normal(3)],
        "conv_transpose2d_strided": lambda: [normal(2, 4, 3, 5), normal(4, 3, 3, 2), normal(6)],
        "conv_transpose1d_dilated": lambda: [normal(2, 3, 6), normal(3, 4, 3)],
        "unpool2d": lambda: pooled((2, 3, 5, 6), 2, rng),
        "adaptive_max_values": lambda: [normal(2, 3, 5, 7)],
        "adaptive_max_indices": lambda: [normal(1, 2, 5, 4, 3)],
        "scatter_mean": lambda: [normal(3, 6), rng.integers(0, 6, size=(3, 4)), normal(3, 4)],
        "scatter_mean_with_input": lambda: [normal(4, 5), rng.integers(0, 4, size=(6, 5)),
                                            normal(6, 5)],
        "probability_targets": lambda: [normal(5, 4),
                                        probabilities / probabilities.sum(1, keepdims=True)],
        "grid": lambda: [normal(2, 2, 3)],
        "multilabel": lambda: [normal(3, 5), np.array([[3, 0, -1, 1, 2], [1, 1, 4, -1, -1],
                                                       [0, 1, 2, 3, 4]])],
        "top_values": lambda: [normal(3, 5)],
        "top_indices": lambda: [normal(2, 3, 6)],
        "interpolate_bilinear_scaled": lambda: [normal(2, 3, 4, 5)],
        "interpolate_bilinear_corners": lambda: [normal(2, 3, 4, 5)],
        "interpolate_bicubic": lambda: [normal(2, 3, 4, 5)],
        "interpolate_trilinear": lambda: [normal(1, 2, 3, 4, 5)],
        "interpolate_linear_recomputed": lambda: [normal(2, 3, 7)],
        "interpolate_area": lambda: [normal(2, 3, 7, 5)],
        "interpolate_nearest_scaled": lambda: [normal(2, 3, 5, 6)],
        "interpolate_nearest_one_channel": lambda: [normal(2, 1, 5, 6)],
        "interpolate_nearest_exact": lambda: [normal(1, 3, 5, 6)],
        "grid_bilinear_border": lambda: [normal(2, 3, 4, 5), rng.uniform(-1.3, 1.3, (2, 6, 7, 2))],
        "grid_nearest_reflection": lambda: [normal(2, 3, 4, 5),
                                            rng.uniform(-1.3, 1.3, (2, 6, 7, 2))],
        "grid_bicubic_zeros": lambda: [normal(2, 3, 4, 5), rng.uniform(-1.3, 1.3, (2, 6, 7, 2))],
        "grid_bicubic_reflection": lambda: [normal(2, 3, 4, 5),
                                            rng.uniform(-1.3, 1.3, (2, 6, 7, 2))],
        "grid_trilinear_reflection": lambda: [normal(2, 2, 3, 4, 5),
                                              rng.uniform(-1.3, 1.3, (2, 3, 2, 4, 3))],
        "grid_nearest_3d": lambda: [normal(2, 2, 3, 4, 5), rng.uniform(-1.3, 1.3, (2, 3, 2, 4, 3))],
        "fold_strided": lambda: [normal(2, 12, 24)],
        "ctc_concatenated_sum": lambda: [log_softmax(normal(8, 3, 5)), np.array([1, 3, 4, 0, 4, 1]),
                                         np.array([8, 6, 7]), np.array([3, 1, 2])],
        "ctc_impossible_zeroed": lambda: [log_softmax(normal(8, 3, 5)),
                                          np.array([[1, 2, 3, 4], [1, 1, 0, 0], [3, 3, 3, 1]]),
                                          np.array([8, 2, 7]), np.array([4, 2, 3])],
        "ctc_unbatched": lambda: [log_softmax(normal(6, 4)), np.array([1, 2, 1]), np.array(6),
                                  np.array(3)],
        "flax_scatter_mean": lambda: [normal(3, 6), rng.integers(0, 6, size=(3, 4)),
                                      normal(3, 4)],
        "flax_scatter_mean_with_input": lambda: [normal(4, 5), rng.integers(0, 4, size=(6, 5)),
                                                 normal(6, 5)],
        "flax_scatter_mean_integers": lambda: [rng.integers(-20, 20, size=(3, 6)),
                                               rng.integers(0, 6, size=(3, 4)),
                                               rng.integers(-20, 20, size=(3, 4))],
        "flax_probability_targets": lambda: [normal(5, 4),
                                             probabilities / probabilities.sum(1, keepdims=True)],
        "flax_probability_targets_summed": lambda: [
            normal(5, 4), probabilities / probabilities.sum(1, keepdims=True)],
        "flax_index_targets": lambda: [normal(5, 4), rng.integers(0, 4, size=5)],
        "flax_index_targets_smoothed": lambda: [normal(5, 4), rng.integers(0, 4, size=5)],
    }[name]()


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def agree(expected, got, tolerance):
    expected = expected.numpy()
    got = np.asarray(got)
    if expected.shape != got.shape:
        return "shape %s, target %s" % (expected.shape, got.shape)
    if expected.dtype.kind in "iu":
        return "" if np.array_equal(expected, got) else "integers differ"
    return "" if np.allclose(expected, got, rtol=tolerance, atol=tolerance * 1e-3) else (
        "largest difference %g" % np.max(np.abs(expected - got)))


def main():
    if len(sys.argv) not in (2, 4):
        sys.exit(__doc__)
    swhost, target = sys.argv[1], sys.argv[2] if len(sys.argv) == 4 else "numpy"
    source = os.path.join(HERE, SOURCES[target])
    as_target, tolerance = (lambda a: a), 1e-6
    if target == "flax":
        sys.path.insert(0, sys.argv[3])
        import jax.numpy as jnp  # the stand-in's
        as_target, tolerance = jnp.asarray, 1e-5
    with tempfile.TemporaryDirectory() as folder:
        converted = os.path.join(folder, "variants_%s.py" % target)
        run = subprocess.run([swhost, "convert", source, "--source", "torch", "--target",
                              target, "--strict", "--out", converted],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stderr)
            return 1
        original, converted_module = load(source, "variants_torch"), load(converted, "variants")
    problems = []
    names = [name for name in vars(original) if callable(getattr(original, name))
             and getattr(original, name).__module__ == "variants_torch"]
    for name in names:
        arguments = inputs(name, np.random.default_rng(sum(map(ord, name))))
        expected = getattr(original, name)(*[torch.tensor(a) for a in arguments])
        got = getattr(converted_module, name)(*[as_target(a) for a in arguments])
        problem = agree(expected, got, tolerance)
        if problem:
            problems.append("%s: %s" % (name, problem))
    for problem in problems:
        print("mismatch:", problem)
    print("%d of %d functions agree torch <-> %s" % (len(names) - len(problems), len(names),
                                                     target))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
