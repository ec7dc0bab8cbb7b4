"""A language-model head tied to its token embedding (Press & Wolf): the output projection
reuses the embedding's table as its weight, so the two layers hold one tensor."""
import keras


class TiedLanguageModel(keras.Model):
    def __init__(self, vocab_size: int, dim: int):
        super().__init__()
        self.embed = keras.layers.Embedding(vocab_size, dim)
        self.norm = keras.layers.LayerNormalization(input_dim=dim, epsilon=1e-05)
        self.head = keras.layers.Dense(vocab_size, input_dim=dim, use_bias=False)
        # switcheroo: no mapping for the tie 'self.head.weight = self.embed.weight' to 'keras': its checkpoints name 'linear' 'weight' as 'vars/{position}' laid out (1, 0) and 'embedding' 'weight' as 'vars/{position}' ([[weights.layer]])
        self.head.weight = self.embed.weight

    def call(self, tokens: keras.KerasTensor) -> keras.KerasTensor:
        return self.head(self.norm(self.embed(tokens)))
