"""A Keras Sequential holding an LSTM between two Dense layers: PyTorch's nn.LSTM returns
(output, (h, c)), which nn.Sequential would hand whole to the next Linear, so the LSTM is
reported and left as written; the Dense layers around it convert."""
import keras


class Tagger(keras.Model):
    def __init__(self):
        super().__init__()
        self.body = keras.Sequential([
            keras.layers.Dense(8, input_dim=5),
            keras.layers.LSTM(4, input_shape=(None, 8), return_sequences=True),
            keras.layers.Dense(3, input_dim=4),
        ])

    def call(self, x):
        return self.body(x)
