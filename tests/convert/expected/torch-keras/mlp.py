"""A multi-layer perceptron with dropout between the hidden layers."""
import keras


class MLP(keras.Model):
    def __init__(self, in_features: int, hidden: int, out_features: int, dropout: float = 0.1):
        super().__init__()
        self.fc1 = keras.layers.Dense(hidden, input_dim=in_features)
        self.fc2 = keras.layers.Dense(hidden, input_dim=hidden)
        self.head = keras.layers.Dense(out_features, input_dim=hidden, use_bias=False)
        self.dropout = keras.layers.Dropout(rate=dropout)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        x = keras.ops.relu(self.fc1(x))
        x = self.dropout(x)
        x = keras.ops.relu(self.fc2(x))
        return self.head(x)
