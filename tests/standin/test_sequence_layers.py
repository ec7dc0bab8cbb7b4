#!/usr/bin/python3
"""The stand-in's attention, recurrent, pooling, dropout and activation functions against the
PyTorch layers and functions they replace, with weights migrated by tests/standin/migrate.py.

usage: test_sequence_layers.py [unittest options]"""
import unittest

import numpy as np
import torch
import torch.nn as tnn
import torch.nn.functional as F

from layer_check import LayerCase, channels_first, channels_last, random_input, rngs
import migrate
import jax
import jax.numpy as jnp
import optax
from flax import nnx


class Attention(LayerCase, unittest.TestCase):
    def layers(self):
        torch.manual_seed(0)
        torch_layer = tnn.MultiheadAttention(8, 2, batch_first=True)
        torch_layer.in_proj_bias.data.uniform_(-1, 1)
        flax_layer = nnx.MultiHeadAttention(2, 8, decode=False, rngs=rngs())
        migrate.load(flax_layer, torch_layer)
        return torch_layer.eval(), flax_layer

    def test_self_attention(self):
        torch_layer, flax_layer = self.layers()
        x = random_input(2, 5, 8)
        with torch.no_grad():
            expected, _ = torch_layer(x, x, x)
        self.assert_close(expected, flax_layer(x.numpy()))

    def test_cross_attention_with_mask(self):
        torch_layer, flax_layer = self.layers()
        q, kv = random_input(2, 3, 8), random_input(2, 6, 8, seed=1)
        masked = torch.from_numpy(np.random.default_rng(2).random((3, 6)) < 0.3)
        masked[:, 0] = False  # every query attends to something
        with torch.no_grad():
            expected, _ = torch_layer(q, kv, kv, attn_mask=masked)
        # PyTorch's boolean mask is True where attention is not allowed, Flax's where it is
        self.assert_close(expected, flax_layer(q.numpy(), kv.numpy(), mask=~masked.numpy()))

    def test_jax_dot_product_attention(self):
        q, k, v = random_input(2, 4, 2, 3), random_input(2, 5, 2, 3, seed=1), random_input(2, 5, 2, 3, seed=2)
        expected = torch.softmax(torch.einsum("bqhd,bkhd->bhqk", q, k) / 3 ** 0.5, -1)
        expected = torch.einsum("bhqk,bkhd->bqhd", expected, v)
        self.assert_close(expected, jax.nn.dot_product_attention(q.numpy(), k.numpy(), v.numpy()))


class Recurrent(LayerCase, unittest.TestCase):
    def check_rnn(self, torch_layer, flax_layer, x):
        """Batch-first sequences through a PyTorch recurrent layer and an nnx.RNN."""
        migrate.load(flax_layer, torch_layer)
        with torch.no_grad():
            expected, _ = torch_layer(x)
        self.assert_close(expected, flax_layer(x.numpy()))

    def test_lstm_batch_first(self):
        torch.manual_seed(0)
        self.check_rnn(tnn.LSTM(4, 5, batch_first=True), nnx.RNN(nnx.LSTMCell(4, 5, rngs=rngs())),
                       random_input(2, 7, 4))

    def test_lstm_time_major_with_carry(self):
        torch.manual_seed(0)
        torch_layer = tnn.LSTM(4, 5)
        flax_layer = nnx.RNN(nnx.LSTMCell(4, 5, rngs=rngs()), time_major=True, return_carry=True)
        migrate.load(flax_layer, torch_layer)
        x = random_input(7, 2, 4)
        with torch.no_grad():
            expected, (h, c) = torch_layer(x)
        (flax_c, flax_h), outputs = flax_layer(x.numpy())
        self.assert_close(expected, outputs)
        self.assert_close(h[0], flax_h)
        self.assert_close(c[0], flax_c)

    def test_lstm_stacked_with_final_state(self):
        """Two layers as an nnx.Sequential of RNNs; the final (h, c) from each layer's carry."""
        torch.manual_seed(0)
        torch_layer = tnn.LSTM(4, 5, num_layers=2)
        flax_layer = nnx.Sequential(nnx.RNN(nnx.LSTMCell(4, 5, rngs=rngs()), time_major=True),
                                    nnx.RNN(nnx.LSTMCell(5, 5, rngs=rngs()), time_major=True))
        migrate.load(flax_layer, torch_layer)
        x = random_input(7, 2, 4)
        with torch.no_grad():
            expected, (h, c) = torch_layer(x)
        self.assert_close(expected, flax_layer(x.numpy()))
        (c_l0, h_l0), outputs = flax_layer.layers[0](x.numpy(), return_carry=True)
        (c_l1, h_l1), outputs = flax_layer.layers[1](outputs, return_carry=True)
        self.assert_close(expected, outputs)
        self.assert_close(h, jnp.stack([h_l0, h_l1]))
        self.assert_close(c, jnp.stack([c_l0, c_l1]))

    def test_lstm_bidirectional_with_final_state(self):
        """nnx.Bidirectional concatenates the forward and the backward outputs as PyTorch does;
        PyTorch's h_n holds the forward then the backward carry of each layer."""
        torch.manual_seed(0)
        torch_layer = tnn.LSTM(4, 5, num_layers=2, bidirectional=True, batch_first=True)
        flax_layer = nnx.Sequential(*[
            nnx.Bidirectional(nnx.RNN(nnx.LSTMCell(size, 5, rngs=rngs())),
                              nnx.RNN(nnx.LSTMCell(size, 5, rngs=rngs()), reverse=True, keep_order=True))
            for size in (4, 2 * 5)])
        migrate.load(flax_layer, torch_layer)
        x = random_input(2, 6, 4)
        with torch.no_grad():
            expected, (h, c) = torch_layer(x)
        self.assert_close(expected, flax_layer(x.numpy()))
        ((c_l0, h_l0), (c_l0_reverse, h_l0_reverse)), outputs = flax_layer.layers[0](x.numpy(), return_carry=True)
        ((c_l1, h_l1), (c_l1_reverse, h_l1_reverse)), outputs = flax_layer.layers[1](outputs, return_carry=True)
        self.assert_close(expected, outputs)
        self.assert_close(h, jnp.stack([h_l0, h_l0_reverse, h_l1, h_l1_reverse]))
        self.assert_close(c, jnp.stack([c_l0, c_l0_reverse, c_l1, c_l1_reverse]))

    def test_gru_bidirectional_with_final_state(self):
        torch.manual_seed(0)
        torch_layer = tnn.GRU(4, 5, bidirectional=True)
        flax_layer = nnx.Bidirectional(nnx.RNN(nnx.GRUCell(4, 5, rngs=rngs())),
                                       nnx.RNN(nnx.GRUCell(4, 5, rngs=rngs()), reverse=True, keep_order=True),
                                       time_major=True)
        migrate.load(flax_layer, torch_layer)
        x = random_input(6, 2, 4)
        with torch.no_grad():
            expected, h = torch_layer(x)
        (h_l0, h_l0_reverse), outputs = flax_layer(x.numpy(), return_carry=True)
        self.assert_close(expected, outputs)
        self.assert_close(h, jnp.stack([h_l0, h_l0_reverse]))

    def test_lstm_cell_carry_is_c_then_h(self):
        torch.manual_seed(0)
        torch_cell = tnn.LSTMCell(4, 5)
        flax_cell = nnx.LSTMCell(4, 5, rngs=rngs())
        migrate.load(flax_cell, torch_cell)
        x, h, c = random_input(3, 4), random_input(3, 5, seed=1), random_input(3, 5, seed=2)
        with torch.no_grad():
            new_h, new_c = torch_cell(x, (h, c))
        (flax_c, flax_h), y = flax_cell((c.numpy(), h.numpy()), x.numpy())
        self.assert_close(new_h, flax_h)
        self.assert_close(new_c, flax_c)
        self.assert_close(new_h, y)

    def test_gru(self):
        torch.manual_seed(0)
        self.check_rnn(tnn.GRU(4, 5, batch_first=True), nnx.RNN(nnx.GRUCell(4, 5, rngs=rngs())),
                       random_input(2, 6, 4))

    def test_simple_rnn(self):
        torch.manual_seed(0)
        self.check_rnn(tnn.RNN(4, 5, batch_first=True), nnx.RNN(nnx.SimpleCell(4, 5, rngs=rngs())),
                       random_input(2, 6, 4))


class Pooling(LayerCase, unittest.TestCase):
    def pool(self, torch_layer, flax_function, x=None):
        x = random_input(2, 3, 9, 9) if x is None else x
        with torch.no_grad():
            expected = torch_layer(x)
        self.assert_close(expected, channels_first(flax_function(channels_last(x))))

    def test_max_pool_padded(self):
        self.pool(tnn.MaxPool2d(3, 2, padding=1),
                  lambda x: nnx.max_pool(x, (3, 3), strides=(2, 2), padding=((1, 1), (1, 1))))

    def test_max_pool_strides_default_to_one_in_flax(self):
        self.pool(tnn.MaxPool2d(2, stride=1), lambda x: nnx.max_pool(x, (2, 2)))

    def test_avg_pool(self):
        self.pool(tnn.AvgPool2d(2), lambda x: nnx.avg_pool(x, (2, 2), strides=(2, 2)))

    def test_avg_pool_padding_counted(self):
        self.pool(tnn.AvgPool2d(3, 2, padding=1),
                  lambda x: nnx.avg_pool(x, (3, 3), strides=(2, 2), padding=((1, 1), (1, 1))))

    def test_avg_pool_padding_not_counted(self):
        self.pool(tnn.AvgPool2d(3, 2, padding=1, count_include_pad=False),
                  lambda x: nnx.avg_pool(x, (3, 3), strides=(2, 2), padding=((1, 1), (1, 1)),
                                         count_include_pad=False))

    def test_adaptive_average_to_one(self):
        self.pool(tnn.AdaptiveAvgPool2d(1), lambda x: jnp.mean(x, axis=(1, 2), keepdims=True))

    def test_max_pool_1d(self):
        self.pool(tnn.MaxPool1d(2), lambda x: nnx.max_pool(x, (2,), strides=(2,)), random_input(2, 3, 9))


class Dropout(LayerCase, unittest.TestCase):
    def test_eval_is_identity(self):
        layer = nnx.Dropout(0.5, rngs=rngs())
        layer.eval()
        x = random_input(4, 5)
        self.assert_close(tnn.Dropout(0.5).eval()(x), layer(x.numpy()))

    def test_train_keeps_and_scales(self):
        layer = nnx.Dropout(0.25, rngs=rngs())
        y = np.asarray(layer(np.ones((200, 50), np.float32)))
        self.assertTrue(set(np.unique(y)) <= {0.0, np.float32(1 / 0.75)})
        self.assertAlmostEqual(float((y == 0).mean()), 0.25, delta=0.02)


ACTIVATIONS = [
    ("relu", F.relu, jax.nn.relu), ("relu6", F.relu6, jax.nn.relu6),
    ("gelu exact", F.gelu, lambda x: jax.nn.gelu(x, approximate=False)),
    ("gelu tanh", lambda x: F.gelu(x, approximate="tanh"), jax.nn.gelu),
    ("silu", F.silu, jax.nn.silu), ("sigmoid", torch.sigmoid, jax.nn.sigmoid),
    ("tanh", torch.tanh, jax.nn.tanh), ("elu", F.elu, jax.nn.elu), ("celu", F.celu, jax.nn.celu),
    ("selu", F.selu, jax.nn.selu), ("leaky_relu", F.leaky_relu, jax.nn.leaky_relu),
    ("softplus", F.softplus, jax.nn.softplus), ("mish", F.mish, jax.nn.mish),
    ("softsign", F.softsign, jax.nn.soft_sign), ("logsigmoid", F.logsigmoid, jax.nn.log_sigmoid),
    ("hardsigmoid", F.hardsigmoid, jax.nn.hard_sigmoid),
    ("hardswish", F.hardswish, jax.nn.hard_swish), ("hardtanh", F.hardtanh, jax.nn.hard_tanh),
    ("softmax", lambda x: F.softmax(x, -1), jax.nn.softmax),
    ("log_softmax", lambda x: F.log_softmax(x, 1), lambda x: jax.nn.log_softmax(x, axis=1)),
    ("glu", F.glu, jax.nn.glu),
    ("standardize", lambda x: F.layer_norm(x, (6,)), jax.nn.standardize),
    ("one_hot", lambda x: F.one_hot((x.abs() * 2).long() % 4, 4).float(),
     lambda x: jax.nn.one_hot((np.abs(x) * 2).astype(np.int64) % 4, 4)),
]


class Activations(LayerCase, unittest.TestCase):
    def test_activations(self):
        x = random_input(3, 6) * 4
        for name, torch_function, jax_function in ACTIVATIONS:
            with self.subTest(name):
                self.assert_close(torch_function(x), jax_function(x.numpy()))


class Losses(LayerCase, unittest.TestCase):
    """optax's per-example losses against PyTorch's with reduction='none'."""

    def test_losses(self):
        logits, other = random_input(5, 4), random_input(5, 4, seed=1)
        labels = torch.from_numpy(np.random.default_rng(2).integers(0, 4, 5))
        probabilities = torch.softmax(other, -1)
        targets = torch.sigmoid(other)
        cases = [
            ("cross_entropy", F.cross_entropy(logits, labels, reduction="none"),
             optax.softmax_cross_entropy_with_integer_labels(logits.numpy(), labels.numpy())),
            ("cross_entropy_probs", F.cross_entropy(logits, probabilities, reduction="none"),
             optax.softmax_cross_entropy(logits.numpy(), probabilities.numpy())),
            ("bce_with_logits", F.binary_cross_entropy_with_logits(logits, targets, reduction="none"),
             optax.sigmoid_binary_cross_entropy(logits.numpy(), targets.numpy())),
            ("mse", F.mse_loss(logits, other, reduction="none"),
             optax.losses.squared_error(logits.numpy(), other.numpy())),
            ("huber", F.huber_loss(logits, other, reduction="none", delta=0.5),
             optax.huber_loss(logits.numpy(), other.numpy(), delta=0.5)),
            ("kl_div", F.kl_div(torch.log_softmax(logits, -1), probabilities, reduction="none").sum(-1),
             optax.kl_divergence(torch.log_softmax(logits, -1).numpy(), probabilities.numpy())),
            ("cosine", F.cosine_similarity(logits, other, dim=-1, eps=1e-8),
             optax.losses.cosine_similarity(logits.numpy(), other.numpy(), epsilon=1e-8)),
        ]
        for name, expected, actual in cases:
            with self.subTest(name):
                self.assert_close(expected, actual)


if __name__ == "__main__":
    unittest.main()
