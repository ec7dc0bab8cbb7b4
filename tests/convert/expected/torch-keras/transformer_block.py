"""A pre-norm transformer encoder block with multi-head self-attention."""
import keras


class SelfAttention(keras.Model):
    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.qkv = keras.layers.Dense(dim * 3, input_dim=dim)
        self.out = keras.layers.Dense(dim, input_dim=dim)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        b, t, d = x.shape
        q, k, v = keras.ops.split(self.qkv(x), 3, axis=-1)
        q = keras.ops.swapaxes(keras.ops.reshape(q, (b, t, self.heads, d // self.heads)), 1, 2)
        k = keras.ops.swapaxes(keras.ops.reshape(k, (b, t, self.heads, d // self.heads)), 1, 2)
        v = keras.ops.swapaxes(keras.ops.reshape(v, (b, t, self.heads, d // self.heads)), 1, 2)
        scores = keras.ops.matmul(q, keras.ops.swapaxes(k, -2, -1)) / (d // self.heads) ** 0.5
        weights = keras.ops.softmax(scores, axis=-1)
        y = keras.ops.reshape(keras.ops.swapaxes(keras.ops.matmul(weights, v), 1, 2), (b, t, d))
        return self.out(y)


class TransformerBlock(keras.Model):
    def __init__(self, dim: int, heads: int, hidden: int, dropout: float = 0.1):
        super().__init__()
        self.norm1 = keras.layers.LayerNormalization(input_dim=dim, epsilon=1e-05)
        self.attn = SelfAttention(dim, heads)
        self.norm2 = keras.layers.LayerNormalization(input_dim=dim, epsilon=1e-05)
        self.ff = keras.Sequential(
            [keras.layers.Dense(hidden, input_dim=dim), keras.layers.Activation(activation='gelu'), keras.layers.Dense(dim, input_dim=hidden)],
        )
        self.drop = keras.layers.Dropout(rate=dropout)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        x = x + self.drop(self.attn(self.norm1(x)))
        return x + self.drop(self.ff(self.norm2(x)))
