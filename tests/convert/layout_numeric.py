#!/usr/bin/python3
"""Numeric check of the tensor-layout rewrites, flax -> torch: tests/models/flax/image_axes.py
(NHWC, with axis numbers written for channels last) is converted to PyTorch, and each module it
shares with tests/models/torch/image_axes.py (the same model written for NCHW) must compute the
same function: same weights, same NCHW input, same output. Runs under Debian's PyTorch.

usage: layout_numeric.py SWHOST MODELS_DIR
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

import torch

# Module -> constructor arguments and input shape (N, C, H, W).
CASES = {
    "SqueezeExcite": ((8,), (2, 8, 6, 6)),
    "TwoBranch": ((4, 3), (2, 4, 8, 8)),
}


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    swhost, models = sys.argv[1:]
    with tempfile.TemporaryDirectory() as folder:
        converted = os.path.join(folder, "image_axes_from_flax.py")
        result = subprocess.run(
            [swhost, "convert", os.path.join(models, "flax", "image_axes.py"), "--source", "flax",
             "--target", "torch", "--out", converted], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            sys.exit("conversion failed:\n" + result.stderr)
        ours = load(converted, "image_axes_from_flax")
        reference = load(os.path.join(models, "torch", "image_axes.py"), "image_axes_reference")
        failures = 0
        for name, (arguments, shape) in CASES.items():
            torch.manual_seed(0)
            expected_model = getattr(reference, name)(*arguments).eval()
            actual_model = getattr(ours, name)(*arguments).eval()
            actual_model.load_state_dict(expected_model.state_dict())
            images = torch.randn(*shape)
            with torch.no_grad():
                expected = expected_model(images)
                actual = actual_model(images)
            same = expected.shape == actual.shape and torch.allclose(expected, actual, atol=1e-5)
            print("%s: %s %s" % (name, "same" if same else "DIFFERENT", tuple(actual.shape)))
            failures += not same
        print("%d of %d modules compute what the NCHW original computes"
              % (len(CASES) - failures, len(CASES)))
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
