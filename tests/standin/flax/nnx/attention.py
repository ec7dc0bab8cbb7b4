"""flax.nnx.MultiHeadAttention over NumPy: query, key and value are LinearGeneral layers with
kernels (in_features, num_heads, head_dim) and biases (num_heads, head_dim); `out` has the kernel
(num_heads, head_dim, out_features). Inputs are batch first; a boolean mask is True where
attention is allowed."""
import numpy as np

import _standin
from jax import nn
from jax._array import asarray
from jax.nn import initializers
from flax.nnx.linear import LinearGeneral, default_kernel_init
from flax.nnx.module import Module


@_standin.exported("flax.nnx.dot_product_attention")
def dot_product_attention(query, key, value, bias=None, mask=None, broadcast_dropout=True,
                          dropout_rng=None, dropout_rate=0.0, deterministic=False, dtype=None,
                          precision=None, module=None):
    query = np.asarray(query) / np.sqrt(np.asarray(query).shape[-1]).astype(np.float32)
    logits = np.einsum("...qhd,...khd->...hqk", query, np.asarray(key))
    if bias is not None:
        logits = logits + np.asarray(bias)
    if mask is not None:
        logits = np.where(np.asarray(mask), logits, np.finfo(logits.dtype).min)
    weights = np.asarray(nn.softmax(logits, axis=-1))
    if dropout_rate > 0.0 and not deterministic:
        raise NotImplementedError("the stand-in runs attention without dropout only")
    return asarray(np.einsum("...hqk,...khd->...qhd", weights, np.asarray(value)))


@_standin.exported("flax.nnx.MultiHeadAttention")
class MultiHeadAttention(Module):
    def __init__(self, num_heads, in_features, qkv_features=None, out_features=None, *,
                 dropout_rate=0.0, deterministic=None, kernel_init=default_kernel_init,
                 bias_init=initializers.zeros, use_bias=True, decode=None, normalize_qk=False,
                 rngs):
        if normalize_qk:
            raise NotImplementedError("the stand-in has no normalize_qk")
        self.num_heads, self.in_features = num_heads, in_features
        self.qkv_features = qkv_features or in_features
        self.out_features = out_features or in_features
        if self.qkv_features % num_heads:
            raise ValueError("Memory dimension (%d) must be divisible by 'num_heads' heads (%d)."
                             % (self.qkv_features, num_heads))
        self.head_dim = self.qkv_features // num_heads
        self.dropout_rate, self.deterministic, self.decode = dropout_rate, deterministic, decode
        for name in ("query", "key", "value"):
            setattr(self, name, LinearGeneral(in_features, (num_heads, self.head_dim), use_bias=use_bias,
                                              kernel_init=kernel_init, bias_init=bias_init, rngs=rngs))
        self.out = LinearGeneral((num_heads, self.head_dim), self.out_features, axis=(-2, -1),
                                 use_bias=use_bias, kernel_init=kernel_init, bias_init=bias_init, rngs=rngs)

    def __call__(self, inputs_q, inputs_k=None, inputs_v=None, *, mask=None, deterministic=None,
                 rngs=None, sow_weights=False, decode=None):
        if inputs_k is None:
            if inputs_v is not None:
                raise ValueError("`inputs_k` cannot be None if `inputs_v` is not None.")
            inputs_k = inputs_q
        if inputs_v is None:
            inputs_v = inputs_k
        if decode or self.decode:
            raise NotImplementedError("the stand-in has no decoding cache")
        deterministic = deterministic if deterministic is not None else self.deterministic
        x = dot_product_attention(self.query(inputs_q), self.key(inputs_k), self.value(inputs_v),
                                  mask=mask, dropout_rate=self.dropout_rate,
                                  deterministic=bool(deterministic))
        return self.out(x)
