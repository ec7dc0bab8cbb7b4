"""Lists of layers: a residual stack built by a comprehension and run in a loop, and a list
written out, whose layers are called by index."""
import keras


class ResidualStack(keras.Model):
    def __init__(self, features: int, depth: int, classes: int):
        super().__init__()
        self.blocks = [keras.layers.Dense(features, input_dim=features) for _ in range(depth)]
        self.norms = [keras.layers.LayerNormalization(input_dim=features, epsilon=1e-05), keras.layers.LayerNormalization(input_dim=features, epsilon=1e-05)]
        self.head = keras.layers.Dense(classes, input_dim=features)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        for block in self.blocks:
            x = x + keras.ops.gelu(block(x), approximate=False)
        x = self.norms[0](x)
        return self.head(self.norms[1](x))
