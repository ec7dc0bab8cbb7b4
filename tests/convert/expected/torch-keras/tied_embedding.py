"""A language-model head tied to its token embedding (Press & Wolf): the output projection
reuses the embedding's table as its weight, so the two layers hold one tensor."""
import keras


class TiedLanguageModel(keras.Model):
    def __init__(self, vocab_size: int, dim: int):
        super().__init__()
        self.embed = keras.layers.Embedding(vocab_size, dim)
        self.norm = keras.layers.LayerNormalization(input_dim=dim, epsilon=1e-05)

    # switcheroo: 'self.head' ('linear'), whose 'weight' is tied to 'self.embed' 'weight' at line 13, is written as a method calling 'self.embed' ([[weights.tied-layer]])
    def head(self, x):
        return keras.ops.matmul(x, keras.ops.transpose(self.embed.embeddings))

    def call(self, tokens: keras.KerasTensor) -> keras.KerasTensor:
        return self.head(self.norm(self.embed(tokens)))
