#!/usr/bin/python3
"""The stand-in's jax.numpy against JAX's documented differences from NumPy, and the rule that
it offers only the real APIs with their real parameters.

usage: test_arrays.py [unittest options]"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
from flax import nnx  # noqa: E402


class Arrays(unittest.TestCase):
    def test_default_dtypes_are_32_bit(self):
        self.assertEqual(jnp.asarray(np.zeros(3)).dtype, np.float32)
        self.assertEqual(jnp.arange(3).dtype, np.int32)
        self.assertEqual((jnp.arange(3) / 2).dtype, np.float32)

    def test_immutable(self):
        x = jnp.zeros((2, 3))
        with self.assertRaises(TypeError):
            x[0, 0] = 1.0
        y = x
        y += 1  # binds a new array, as in JAX
        self.assertEqual(float(x.sum()), 0.0)
        self.assertEqual(float(y.sum()), 6.0)

    def test_index_updates(self):
        x = jnp.zeros(4)
        self.assertEqual(x.at[1].set(5.0).tolist(), [0, 5, 0, 0])
        self.assertEqual(x.at[np.array([1, 1, 2])].add(1.0).tolist(), [0, 2, 1, 0])
        self.assertEqual(x.tolist(), [0, 0, 0, 0])

    def test_methods_jax_arrays_lack_are_refused(self):
        x = jnp.ones((2, 3))
        for name in ("fill", "resize", "itemset", "put", "new_zeros", "flip", "unbind", "expand_as"):
            with self.subTest(name), self.assertRaises(AttributeError):
                getattr(x, name)
        self.assertEqual(x.mT.shape, (3, 2))

    def test_real_signatures(self):
        with self.assertRaises(TypeError):
            jnp.sum(jnp.ones(3), dim=0)  # PyTorch's keyword
        with self.assertRaises(TypeError):
            jnp.clip(jnp.ones(3), a_min=0)  # NumPy's keyword; JAX says min=
        self.assertEqual(jnp.clip(jnp.arange(5), min=1, max=3).tolist(), [1, 1, 2, 3, 3])

    def test_pad_gives_pairs_per_axis(self):
        # (0, 1) is one (before, after) pair for every axis, not PyTorch's last-axis pair
        self.assertEqual(jnp.pad(jnp.ones((2, 2)), (0, 1)).shape, (3, 3))

    def test_broadcast_to_refuses_minus_one(self):
        with self.assertRaises(ValueError):
            jnp.broadcast_to(jnp.ones((2, 1)), (-1, 3))

    def test_broadcast_to_after_any(self):
        # jnp.any, once made, is a name of the module that defines broadcast_to
        self.assertFalse(bool(jnp.any(jnp.zeros(3))))
        self.assertEqual(jnp.broadcast_to(jnp.ones((1, 3)), (4, 3)).shape, (4, 3))

    def test_empty_gives_zeros(self):
        self.assertEqual(float(jnp.abs(jnp.empty((3, 3))).sum()), 0.0)

    def test_missing_api_is_an_attribute_error(self):
        with self.assertRaises(AttributeError):
            jnp.not_a_function  # noqa: B018

    def test_keys(self):
        key = jax.random.key(0)
        first, second = jax.random.split(key)
        self.assertTrue(np.array_equal(jax.random.normal(first, (3,)), jax.random.normal(first, (3,))))
        self.assertFalse(np.array_equal(jax.random.normal(first, (3,)), jax.random.normal(second, (3,))))

    def test_eval_and_train_switch_layers(self):
        model = nnx.Sequential(nnx.Dropout(0.5, rngs=nnx.Rngs(0)), nnx.BatchNorm(3, rngs=nnx.Rngs(0)))
        model.eval()
        self.assertTrue(model.layers[0].deterministic and model.layers[1].use_running_average)
        model.train()
        self.assertFalse(model.layers[0].deterministic or model.layers[1].use_running_average)

    def test_empty_sequential_returns_none(self):
        self.assertIsNone(nnx.Sequential()(jnp.ones(3)))


if __name__ == "__main__":
    unittest.main()
