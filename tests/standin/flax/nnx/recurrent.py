"""flax.nnx's recurrent cells and RNN over NumPy. LSTMCell: input Linears ii, if_, ig, io without
bias and hidden Linears hi, hf, hg, ho with bias; its carry is (c, h). GRUCell: ir, iz, in_ with
bias, hr, hz without, hn with; n = tanh(in_(x) + r * hn(h)), h' = (1 - z) * n + z * h.
SimpleCell: i without bias, h with. Bidirectional runs a forward and a backward RNN and
concatenates their outputs. RNN scans a cell over the time axis (batch first unless
time_major) from a zero carry and returns the outputs (and the carry with return_carry)."""
import numpy as np

import _standin
from jax import nn
from jax._array import asarray
from jax.nn import initializers
from flax.nnx.linear import Linear, default_kernel_init
from flax.nnx.module import Module


def _linears(cell, names, in_features, hidden, use_bias, kernel_init, bias_init, rngs):
    for name in names:
        setattr(cell, name, Linear(in_features, hidden, use_bias=use_bias, kernel_init=kernel_init,
                                   bias_init=bias_init, rngs=rngs))


class _Cell(Module):
    num_feature_axes = 1

    def _zeros(self, input_shape):
        return asarray(np.zeros(tuple(input_shape[:-1]) + (self.hidden_features,), np.float32))


@_standin.exported("flax.nnx.LSTMCell")
class LSTMCell(_Cell):
    def __init__(self, in_features, hidden_features, *, gate_fn=nn.sigmoid, activation_fn=nn.tanh,
                 kernel_init=default_kernel_init, recurrent_kernel_init=initializers.orthogonal(),
                 bias_init=initializers.zeros, rngs):
        self.in_features, self.hidden_features = in_features, hidden_features
        self.gate_fn, self.activation_fn = gate_fn, activation_fn
        _linears(self, ("ii", "if_", "ig", "io"), in_features, hidden_features, False, kernel_init,
                 bias_init, rngs)
        _linears(self, ("hi", "hf", "hg", "ho"), hidden_features, hidden_features, True,
                 recurrent_kernel_init, bias_init, rngs)

    def __call__(self, carry, inputs):
        c, h = carry
        i = self.gate_fn(self.ii(inputs) + self.hi(h))
        f = self.gate_fn(self.if_(inputs) + self.hf(h))
        g = self.activation_fn(self.ig(inputs) + self.hg(h))
        o = self.gate_fn(self.io(inputs) + self.ho(h))
        new_c = f * c + i * g
        new_h = o * self.activation_fn(new_c)
        return (new_c, new_h), new_h

    def initialize_carry(self, input_shape, rngs=None):
        return self._zeros(input_shape), self._zeros(input_shape)


@_standin.exported("flax.nnx.GRUCell")
class GRUCell(_Cell):
    def __init__(self, in_features, hidden_features, *, gate_fn=nn.sigmoid, activation_fn=nn.tanh,
                 kernel_init=default_kernel_init, recurrent_kernel_init=initializers.orthogonal(),
                 bias_init=initializers.zeros, rngs):
        self.in_features, self.hidden_features = in_features, hidden_features
        self.gate_fn, self.activation_fn = gate_fn, activation_fn
        _linears(self, ("ir", "iz", "in_"), in_features, hidden_features, True, kernel_init,
                 bias_init, rngs)
        _linears(self, ("hr", "hz"), hidden_features, hidden_features, False,
                 recurrent_kernel_init, bias_init, rngs)
        _linears(self, ("hn",), hidden_features, hidden_features, True, recurrent_kernel_init,
                 bias_init, rngs)

    def __call__(self, carry, inputs):
        h = carry
        r = self.gate_fn(self.ir(inputs) + self.hr(h))
        z = self.gate_fn(self.iz(inputs) + self.hz(h))
        n = self.activation_fn(self.in_(inputs) + r * self.hn(h))
        new_h = (1.0 - z) * n + z * h
        return new_h, new_h

    def initialize_carry(self, input_shape, rngs=None):
        return self._zeros(input_shape)


@_standin.exported("flax.nnx.SimpleCell")
class SimpleCell(_Cell):
    def __init__(self, in_features, hidden_features, *, residual=False, activation_fn=nn.tanh,
                 kernel_init=initializers.lecun_normal(), recurrent_kernel_init=initializers.orthogonal(),
                 bias_init=initializers.zeros, rngs):
        self.in_features, self.hidden_features = in_features, hidden_features
        self.residual, self.activation_fn = residual, activation_fn
        _linears(self, ("i",), in_features, hidden_features, False, kernel_init, bias_init, rngs)
        _linears(self, ("h",), hidden_features, hidden_features, True, recurrent_kernel_init,
                 bias_init, rngs)

    def __call__(self, carry, inputs):
        new_carry = self.i(inputs) + self.h(carry)
        if self.residual:
            new_carry = new_carry + carry
        new_carry = self.activation_fn(new_carry)
        return new_carry, new_carry

    def initialize_carry(self, input_shape, rngs=None):
        return self._zeros(input_shape)


@_standin.exported("flax.nnx.RNN")
class RNN(Module):
    def __init__(self, cell, *, time_major=False, return_carry=False, reverse=False, keep_order=False):
        self.cell, self.time_major, self.return_carry = cell, time_major, return_carry
        self.reverse, self.keep_order = reverse, keep_order

    def __call__(self, inputs, *, initial_carry=None, seq_lengths=None, return_carry=None,
                 time_major=None, reverse=None, keep_order=None, rngs=None):
        if seq_lengths is not None:
            raise NotImplementedError("the stand-in's RNN has no seq_lengths")
        time_major = self.time_major if time_major is None else time_major
        reverse = self.reverse if reverse is None else reverse
        keep_order = self.keep_order if keep_order is None else keep_order
        return_carry = self.return_carry if return_carry is None else return_carry
        x = np.asarray(inputs)
        time_axis = 0 if time_major else x.ndim - (self.cell.num_feature_axes + 1)
        steps = np.moveaxis(x, time_axis, 0)
        carry = initial_carry
        if carry is None:
            carry = self.cell.initialize_carry(steps.shape[1:], rngs)
        order = range(len(steps) - 1, -1, -1) if reverse else range(len(steps))
        outputs = []
        for t in order:
            carry, y = self.cell(carry, asarray(steps[t]))
            outputs.append(np.asarray(y))
        if reverse and keep_order:
            outputs = outputs[::-1]
        stacked = asarray(np.moveaxis(np.stack(outputs), 0, time_axis))
        return (carry, stacked) if return_carry else stacked


def _concatenate(a, b):
    return asarray(np.concatenate([np.asarray(a), np.asarray(b)], axis=-1))


@_standin.exported("flax.nnx.Bidirectional")
class Bidirectional(Module):
    """Runs forward_rnn over the inputs and backward_rnn over them reversed, its outputs put back
    in input order, and merges the two outputs (concatenated on the feature axis by default)."""

    def __init__(self, forward_rnn, backward_rnn, *, merge_fn=_concatenate, time_major=False,
                 return_carry=False, rngs=None):
        self.forward_rnn, self.backward_rnn = forward_rnn, backward_rnn
        self.merge_fn, self.time_major, self.return_carry = merge_fn, time_major, return_carry

    def __call__(self, inputs, *, initial_carry=None, rngs=None, seq_lengths=None, return_carry=None,
                 time_major=None, reverse=None, keep_order=None):
        time_major = self.time_major if time_major is None else time_major
        return_carry = self.return_carry if return_carry is None else return_carry
        forward_carry, backward_carry = (None, None) if initial_carry is None else initial_carry
        carry_f, outputs_f = self.forward_rnn(inputs, initial_carry=forward_carry, seq_lengths=seq_lengths,
                                              return_carry=True, time_major=time_major, reverse=False)
        carry_b, outputs_b = self.backward_rnn(inputs, initial_carry=backward_carry, seq_lengths=seq_lengths,
                                               return_carry=True, time_major=time_major, reverse=True,
                                               keep_order=True)
        outputs = self.merge_fn(outputs_f, outputs_b)
        return ((carry_f, carry_b), outputs) if return_carry else outputs
