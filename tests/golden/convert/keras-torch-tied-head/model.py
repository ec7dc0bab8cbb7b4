import keras


class TiedHead(keras.Model):
    """A language model's output projection that is its token embedding's table, transposed:
    back in PyTorch a Linear without a bias whose weight is the Embedding's."""

    def __init__(self, vocab_size: int, dim: int):
        super().__init__()
        self.embed = keras.layers.Embedding(vocab_size, dim)
        self.proj = keras.layers.Dense(dim, input_dim=dim)

    # the logits of every token: the table transposed
    def logits(self, h):
        return keras.ops.matmul(h, keras.ops.transpose(self.embed.embeddings))

    def call(self, tokens: keras.KerasTensor) -> keras.KerasTensor:
        return self.logits(keras.ops.tanh(self.proj(self.embed(tokens))))
