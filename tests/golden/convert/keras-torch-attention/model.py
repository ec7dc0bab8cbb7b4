"""keras.layers.MultiHeadAttention read back as PyTorch's batch-first nn.MultiheadAttention:
key_dim written as embed_dim // num_heads gives embed_dim, the call's (query, value, key)
becomes (query, key, value) and the output alone is kept. A key_dim in another form (the
embedding size is not known from it) and the attention scores asked for are reported."""
import keras


class Attend(keras.Model):
    def __init__(self, width, heads):
        super().__init__()
        self.attn = keras.layers.MultiHeadAttention(heads, width // heads, dropout=0.1)
        self.cross = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=width // heads, use_bias=False)
        self.sized = keras.layers.MultiHeadAttention(num_heads=2, key_dim=4)

    def call(self, x, memory):
        out = self.attn(x, x, x)
        crossed = self.cross(out, memory, memory + 1)
        swapped = keras.ops.swapaxes(self.attn(keras.ops.swapaxes(x, 0, 1), keras.ops.swapaxes(x, 0, 1), keras.ops.swapaxes(x, 0, 1)), 0, 1)
        scored, scores = self.attn(x, x, x, return_attention_scores=True)
        return out + crossed + swapped + self.sized(x, x) + scored
