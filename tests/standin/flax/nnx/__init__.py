"""flax.nnx over NumPy (test-only; see tests/standin/jax): the module system and the layers
that Switcheroo's conversions to Flax NNX emit, with Flax's parameter names and layouts, so that
weights migrated from PyTorch load as they would into Flax. Checked numerically against the
PyTorch layers they replace in tests/standin/test_layers.py."""
from jax.nn import (celu, elu, gelu, glu, hard_sigmoid, hard_swish, hard_tanh, leaky_relu,
                    log_sigmoid, log_softmax, logsumexp, one_hot, relu, relu6, selu, sigmoid, silu,
                    soft_sign, softmax, softplus, standardize, swish, tanh)
from jax.nn import initializers
from flax.nnx.module import (BatchStat, Cache, Dict, List, Module, Param, Rngs, Sequential,
                             Variable)
from flax.nnx.linear import Conv, ConvTranspose, Embed, Linear, LinearGeneral
from flax.nnx.normalization import BatchNorm, GroupNorm, InstanceNorm, LayerNorm, RMSNorm, WeightNorm
from flax.nnx.attention import MultiHeadAttention, dot_product_attention
from flax.nnx.recurrent import Bidirectional, GRUCell, LSTMCell, RNN, SimpleCell
from flax.nnx.pooling import Dropout, avg_pool, max_pool, min_pool
from flax.nnx.statelib import Any, State, replace_by_pure_dict, state, to_pure_dict, update

__all__ = ["celu", "elu", "gelu", "glu", "hard_sigmoid", "hard_swish", "hard_tanh", "leaky_relu",
           "log_sigmoid", "log_softmax", "logsumexp", "one_hot", "relu", "relu6", "selu", "sigmoid",
           "silu", "soft_sign", "softmax", "softplus", "standardize", "swish", "tanh", "initializers",
           "BatchStat", "Cache", "Dict", "List", "Module", "Param", "Rngs", "Sequential", "Variable",
           "Conv", "ConvTranspose", "Embed", "Linear", "LinearGeneral", "BatchNorm", "GroupNorm",
           "InstanceNorm", "LayerNorm", "RMSNorm", "WeightNorm", "MultiHeadAttention", "dot_product_attention",
           "Bidirectional", "GRUCell", "LSTMCell", "RNN", "SimpleCell", "Dropout", "avg_pool", "max_pool", "min_pool",
           "Any", "State", "replace_by_pure_dict", "state", "to_pure_dict", "update"]
