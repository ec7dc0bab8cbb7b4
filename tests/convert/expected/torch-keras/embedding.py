"""Token embedding with a mean-pooled bag-of-words classifier."""
import keras


class BagOfEmbeddings(keras.Model):
    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        self.embed = keras.layers.Embedding(vocab_size, dim)
        self.classifier = keras.layers.Dense(num_classes, input_dim=dim)

    def call(self, tokens: keras.KerasTensor) -> keras.KerasTensor:
        vectors = self.embed(tokens)
        return self.classifier(keras.ops.mean(vectors, axis=1))
