"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import keras


class SelfAttentionBlock(keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = keras.layers.MultiHeadAttention(heads, width // heads)
        self.norm = keras.layers.LayerNormalization(input_dim=width, epsilon=1e-05)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        out = self.attn(x, x, x)
        return self.norm(x + out)


class CrossAttention(keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = keras.layers.MultiHeadAttention(heads, width // heads, use_bias=False)
        self.proj = keras.layers.Dense(width, input_dim=width)

    def call(self, query: keras.KerasTensor, memory: keras.KerasTensor) -> keras.KerasTensor:
        return self.proj(self.attn(query, memory, memory))


class SequenceFirst(keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = keras.layers.MultiHeadAttention(heads, width // heads)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        out = keras.ops.swapaxes(self.attn(keras.ops.swapaxes(x, 0, 1), keras.ops.swapaxes(x, 0, 1), keras.ops.swapaxes(x, 0, 1)), 0, 1)
        return out
