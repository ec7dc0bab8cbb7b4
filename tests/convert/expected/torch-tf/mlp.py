"""A multi-layer perceptron with dropout between the hidden layers."""
import tensorflow as tf


class MLP(tf.keras.Model):
    def __init__(self, in_features: int, hidden: int, out_features: int, dropout: float = 0.1):
        super().__init__()
        self.fc1 = tf.keras.layers.Dense(hidden, input_dim=in_features)
        self.fc2 = tf.keras.layers.Dense(hidden, input_dim=hidden)
        self.head = tf.keras.layers.Dense(out_features, input_dim=hidden, use_bias=False)
        self.dropout = tf.keras.layers.Dropout(rate=dropout)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        x = tf.nn.relu(self.fc1(x))
        x = self.dropout(x)
        x = tf.nn.relu(self.fc2(x))
        return self.head(x)
