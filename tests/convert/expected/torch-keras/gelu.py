"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import keras


class GeluBlock(keras.Model):
    def __init__(self, dim: int):
        super().__init__()
        self.fc = keras.layers.Dense(dim, input_dim=dim)
        self.act = keras.layers.Activation(activation='gelu')

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.act(self.fc(x)) + keras.ops.gelu(x, approximate=True)
