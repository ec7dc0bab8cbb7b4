"""A single affine layer: logistic regression over a feature vector."""
import keras


class LogisticRegression(keras.Model):
    def __init__(self, in_features: int, num_classes: int):
        super().__init__()
        self.linear = keras.layers.Dense(num_classes, input_dim=in_features)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return keras.ops.sigmoid(self.linear(x))
