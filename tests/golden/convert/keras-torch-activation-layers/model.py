"""Keras activation layers as Keras users write them, read back as PyTorch's modules: the name
given to keras.layers.Activation tells which, and Keras's own defaults are written out where
PyTorch's differ (LeakyReLU's slope 0.3, Softmax's last axis)."""
import keras


class Head(keras.Model):
    def __init__(self, width):
        super().__init__()
        self.body = keras.Sequential([
            keras.layers.Dense(width, input_dim=width), keras.layers.Activation("tanh"),
            keras.layers.Activation(activation="sigmoid"), keras.layers.LeakyReLU(),
            keras.layers.ELU(alpha=0.5), keras.layers.Activation("gelu"), keras.layers.Activation("silu"),
            keras.layers.Activation("relu6"), keras.layers.ReLU(), keras.layers.Softmax(),
            keras.layers.Activation("log_softmax"), keras.layers.Activation("hard_sigmoid"),
            keras.layers.Activation(activation="hard_silu"), keras.layers.Activation("mish"),
        ])

    def call(self, x):
        return self.body(x)
