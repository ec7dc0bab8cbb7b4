"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import tensorflow as tf


class SelfAttentionBlock(tf.keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = tf.keras.layers.MultiHeadAttention(heads, width // heads)
        self.norm = tf.keras.layers.LayerNormalization(input_dim=width, epsilon=1e-05)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        out = self.attn(x, x, x)
        return self.norm(x + out)


class CrossAttention(tf.keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = tf.keras.layers.MultiHeadAttention(heads, width // heads, use_bias=False)
        self.proj = tf.keras.layers.Dense(width, input_dim=width)

    def call(self, query: tf.Tensor, memory: tf.Tensor) -> tf.Tensor:
        return self.proj(self.attn(query, memory, memory))


class SequenceFirst(tf.keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = tf.keras.layers.MultiHeadAttention(heads, width // heads)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        out = (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(self.attn((lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(x, 0, 1), (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(x, 0, 1), (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(x, 0, 1)), 0, 1)
        return out
