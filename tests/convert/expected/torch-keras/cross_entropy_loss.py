"""Classification losses: mean, summed and per-example cross-entropy."""
import keras


class Classifier(keras.Model):
    def __init__(self, features: int, num_classes: int):
        super().__init__()
        self.head = keras.layers.Dense(num_classes, input_dim=features)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.head(x)


def loss_fn(model: keras.Model, x: keras.KerasTensor, labels: keras.KerasTensor) -> keras.KerasTensor:
    logits = model(x)
    return keras.ops.mean(keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True))


def summed_loss(logits: keras.KerasTensor, labels: keras.KerasTensor) -> keras.KerasTensor:
    return keras.ops.sum(keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True))


def per_example_loss(logits: keras.KerasTensor, labels: keras.KerasTensor) -> keras.KerasTensor:
    return keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True)


def log_likelihood(logits: keras.KerasTensor, labels: keras.KerasTensor) -> keras.KerasTensor:
    log_probs = keras.ops.log_softmax(logits, axis=-1)
    return keras.ops.mean(keras.ops.take_along_axis(log_probs, labels[:, None], axis=-1))
