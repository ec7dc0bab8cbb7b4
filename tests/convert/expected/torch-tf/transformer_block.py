"""A pre-norm transformer encoder block with multi-head self-attention."""
import tensorflow as tf


class SelfAttention(tf.keras.Model):
    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.qkv = tf.keras.layers.Dense(dim * 3, input_dim=dim)
        self.out = tf.keras.layers.Dense(dim, input_dim=dim)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        b, t, d = x.shape
        q, k, v = tf.split(self.qkv(x), 3, axis=-1)
        q = (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(tf.reshape(q, (b, t, self.heads, d // self.heads)), 1, 2)
        k = (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(tf.reshape(k, (b, t, self.heads, d // self.heads)), 1, 2)
        v = (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(tf.reshape(v, (b, t, self.heads, d // self.heads)), 1, 2)
        scores = tf.matmul(q, (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(k, -2, -1)) / (d // self.heads) ** 0.5
        weights = tf.nn.softmax(scores, axis=-1)
        y = tf.reshape((lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(tf.matmul(weights, v), 1, 2), (b, t, d))
        return self.out(y)


class TransformerBlock(tf.keras.Model):
    def __init__(self, dim: int, heads: int, hidden: int, dropout: float = 0.1):
        super().__init__()
        self.norm1 = tf.keras.layers.LayerNormalization(input_dim=dim, epsilon=1e-05)
        self.attn = SelfAttention(dim, heads)
        self.norm2 = tf.keras.layers.LayerNormalization(input_dim=dim, epsilon=1e-05)
        self.ff = tf.keras.Sequential(
            [tf.keras.layers.Dense(hidden, input_dim=dim), tf.keras.layers.Activation(activation='gelu'), tf.keras.layers.Dense(dim, input_dim=hidden)],
        )
        self.drop = tf.keras.layers.Dropout(rate=dropout)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        x = x + self.drop(self.attn(self.norm1(x)))
        return x + self.drop(self.ff(self.norm2(x)))
