"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import torch.nn as nn
import keras


class SelfAttentionBlock(keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'keras': Keras takes key_dim = embed_dim // num_heads and keeps separate query, key and value projections: not converted yet
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.norm = keras.layers.LayerNormalization(input_dim=width, epsilon=1e-05)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'keras': Keras takes key_dim = embed_dim // num_heads and keeps separate query, key and value projections: not converted yet
        out, _ = self.attn(x, x, x)
        return self.norm(x + out)


class CrossAttention(keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'keras': Keras takes key_dim = embed_dim // num_heads and keeps separate query, key and value projections: not converted yet
        self.attn = nn.MultiheadAttention(embed_dim=width, num_heads=heads, bias=False,
                                          batch_first=True)
        self.proj = keras.layers.Dense(width, input_dim=width)

    def call(self, query: keras.KerasTensor, memory: keras.KerasTensor) -> keras.KerasTensor:
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'keras': Keras takes key_dim = embed_dim // num_heads and keeps separate query, key and value projections: not converted yet
        return self.proj(self.attn(query, memory, memory)[0])


class SequenceFirst(keras.Model):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'keras': Keras takes key_dim = embed_dim // num_heads and keeps separate query, key and value projections: not converted yet
        self.attn = nn.MultiheadAttention(width, heads)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'keras': Keras takes key_dim = embed_dim // num_heads and keeps separate query, key and value projections: not converted yet
        out, _ = self.attn(x, x, x)
        return out
