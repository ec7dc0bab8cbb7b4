"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import torch.nn as nn
import tensorflow as tf


class SelfAttentionBlock(tf.keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.MultiheadAttention' to 'tensorflow'
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.norm = tf.keras.layers.LayerNormalization(input_dim=width, epsilon=1e-05)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        out, _ = self.attn(x, x, x)
        return self.norm(x + out)


class CrossAttention(tf.keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.MultiheadAttention' to 'tensorflow'
        self.attn = nn.MultiheadAttention(embed_dim=width, num_heads=heads, bias=False,
                                          batch_first=True)
        self.proj = tf.keras.layers.Dense(width, input_dim=width)

    def call(self, query: tf.Tensor, memory: tf.Tensor) -> tf.Tensor:
        return self.proj(self.attn(query, memory, memory)[0])


class SequenceFirst(tf.keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.MultiheadAttention' to 'tensorflow'
        self.attn = nn.MultiheadAttention(width, heads)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        out, _ = self.attn(x, x, x)
        return out
