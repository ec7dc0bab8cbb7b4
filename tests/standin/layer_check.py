"""What the stand-in's layer tests share: random PyTorch inputs, channel-first <-> channel-last
moves, and a comparison with a tolerance relative to the expected values' size."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

import migrate  # noqa: E402
from flax import nnx  # noqa: E402

TOLERANCE = 2e-5


def rngs():
    return nnx.Rngs(0)


def random_input(*shape, seed=0):
    return torch.from_numpy(np.random.default_rng(seed).standard_normal(shape).astype(np.float32))


def channels_last(tensor):
    return np.moveaxis(tensor.detach().numpy(), 1, -1) if tensor.dim() > 2 else tensor.detach().numpy()


def channels_first(array):
    array = np.asarray(array)
    return np.moveaxis(array, -1, 1) if array.ndim > 2 else array


def problem(expected, actual, tolerance=TOLERANCE):
    """None when close, else what differs."""
    expected = np.asarray(expected.detach().numpy() if isinstance(expected, torch.Tensor) else expected,
                          dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    if expected.shape != actual.shape:
        return "shape %s, expected %s" % (actual.shape, expected.shape)
    error = float(np.abs(expected - actual).max()) if expected.size else 0.0
    bound = tolerance * max(1.0, float(np.abs(expected).max()) if expected.size else 0.0)
    return None if error <= bound else "max error %.3g above %.3g" % (error, bound)


class LayerCase:
    """A mixin for unittest.TestCase: run a PyTorch layer and its stand-in on the same input."""

    def assert_close(self, expected, actual, tolerance=TOLERANCE):
        found = problem(expected, actual, tolerance)
        self.assertIsNone(found, found)

    def check_image_layer(self, torch_layer, flax_layer, x):
        """Channels-first PyTorch layer against its channels-last counterpart, weights migrated."""
        migrate.load(flax_layer, torch_layer)
        with torch.no_grad():
            expected = torch_layer.eval()(x)
        self.assert_close(expected, channels_first(flax_layer(channels_last(x))))

    def check_layer(self, torch_layer, flax_layer, *inputs):
        migrate.load(flax_layer, torch_layer)
        with torch.no_grad():
            expected = torch_layer.eval()(*inputs)
        self.assert_close(expected, flax_layer(*[i.numpy() for i in inputs]))
