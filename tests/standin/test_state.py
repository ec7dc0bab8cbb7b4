#!/usr/bin/python3
"""The stand-in's nnx.state, nnx.to_pure_dict, nnx.replace_by_pure_dict and nnx.update, as a
migration script's load_into and save_from use them (docs/weights.md): paths as Flax's (an
nnx.Sequential's layers under `layers` by index), filters by Variable type, and values that
reach the module only through nnx.update.

usage: test_state.py [unittest options]"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from flax import nnx  # noqa: E402


def model():
    rngs = nnx.Rngs(0)
    return nnx.Sequential(nnx.Linear(3, 2, rngs=rngs), nnx.Dropout(0.5, rngs=rngs), nnx.BatchNorm(2, rngs=rngs))


def shapes(tree):
    return {key: shapes(value) if isinstance(value, dict) else tuple(value.shape) for key, value in tree.items()}


class State(unittest.TestCase):
    def test_paths_and_filters(self):
        net = model()
        checkpointed = nnx.to_pure_dict(nnx.state(net, nnx.Any(nnx.Param, nnx.BatchStat)))
        self.assertEqual(shapes(checkpointed), {"layers": {0: {"kernel": (3, 2), "bias": (2,)},
                                                           2: {"scale": (2,), "bias": (2,), "mean": (2,),
                                                               "var": (2,)}}})
        params, stats = nnx.state(net, nnx.Param, nnx.BatchStat)
        self.assertEqual(sorted(nnx.to_pure_dict(params)["layers"][2]), ["bias", "scale"])
        self.assertEqual(sorted(nnx.to_pure_dict(stats)["layers"][2]), ["mean", "var"])
        self.assertEqual(shapes(nnx.to_pure_dict(nnx.state(net))), shapes(checkpointed))

    def test_values_reach_the_module_through_update(self):
        net = model()
        state = nnx.state(net, nnx.Param)
        values = nnx.to_pure_dict(state)
        values["layers"][0]["kernel"] = np.full((3, 2), 7.0, np.float32)
        nnx.replace_by_pure_dict(state, values)
        self.assertFalse(np.any(np.asarray(net.layers[0].kernel.value) == 7.0))  # a copy until update
        nnx.update(net, state)
        self.assertTrue(np.all(np.asarray(net.layers[0].kernel.value) == 7.0))
        self.assertEqual(np.asarray(net.layers[0].kernel.value).dtype, np.float32)

    def test_indices_spelled_as_strings(self):
        net = model()
        state = nnx.state(net, nnx.BatchStat)
        nnx.replace_by_pure_dict(state, {"layers": {"2": {"mean": np.ones(2, np.float32)}}})
        nnx.update(net, state)
        self.assertTrue(np.all(np.asarray(net.layers[2].mean.value) == 1.0))

    def test_unknown_paths_are_errors(self):
        net = model()
        state = nnx.state(net, nnx.Param)
        with self.assertRaisesRegex(ValueError, "not available in state"):
            nnx.replace_by_pure_dict(state, {"layers": {1: {"kernel": np.zeros((3, 2))}}})
        other = nnx.state(nnx.Sequential(nnx.Linear(3, 2, rngs=nnx.Rngs(0)), nnx.Linear(2, 2, rngs=nnx.Rngs(0))))
        with self.assertRaisesRegex(ValueError, "no variable at"):
            nnx.update(net, other)


if __name__ == "__main__":
    unittest.main()
