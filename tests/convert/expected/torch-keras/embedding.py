"""Token embedding with a mean-pooled bag-of-words classifier."""
import torch.nn as nn
import keras


class BagOfEmbeddings(keras.Model):
    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        self.embed = keras.layers.Embedding(vocab_size, dim)
        self.classifier = keras.layers.Dense(num_classes, input_dim=dim)

    def call(self, tokens: keras.KerasTensor) -> keras.KerasTensor:
        vectors = self.embed(tokens)
        return self.classifier(keras.ops.mean(vectors, axis=1))


class PaddedBagOfEmbeddings(keras.Model):
    """Token 0 pads: its row of the table starts at zero, so padding adds nothing to the sum."""

    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Embedding' to 'keras': 'keras.layers.Embedding' has no 'padding_idx' (only its default converts)
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.classifier = keras.layers.Dense(num_classes, input_dim=dim)

    def call(self, tokens: keras.KerasTensor) -> keras.KerasTensor:
        return self.classifier(keras.ops.sum(self.embed(tokens), axis=1))
